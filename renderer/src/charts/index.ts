// The charts other screens (and the printed report) use. Every component takes width/height in pixels and
// `animate` (off by default), and shows its units and meaning in its title: nothing is hover-only.
export { ArrivalRateChart, LengthCdfChart, LengthHistogram } from './WorkloadCharts';
export { LatencyBarsChart, ParetoChart, RateSweepChart, ThroughputLatencyChart, UtilizationChart } from './CompareCharts';
export { rateSweepLines } from './compare-data';
export { DeploymentDiagram, type DeploymentDiagramProps } from './DeploymentDiagram';
export { STRATEGY_COLORS, strategyColor, strategyShort, type ChartSize } from './chart-style';
export { LatencyCdfChart, UtilizationTimeChart } from './TraceCharts';
