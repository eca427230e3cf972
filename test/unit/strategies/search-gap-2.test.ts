import { describeGapCases } from './search-gap-cases';

describeGapCases(11, 20);
