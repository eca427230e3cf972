import { describeGapCases } from './search-gap-cases';

describeGapCases(1, 10);
