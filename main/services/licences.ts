// The data fleetplan ships and whom it comes from: shown in About, the README and every report.
import type { DataLicence } from '../domain';

export const DATA_LICENCES: readonly DataLicence[] = [
  {
    file: 'assets/traces/AzureLLMInferenceTrace_conv.csv',
    title: 'Azure LLM inference trace 2023, conversation',
    licence: 'CC BY 4.0',
    attribution:
      'Microsoft Azure, AzurePublicDataset (commit 7909210); Patel et al., "Splitwise: Efficient Generative LLM Inference Using Phase Splitting", ISCA 2024. Unmodified.',
    url: 'https://github.com/Azure/AzurePublicDataset',
  },
  {
    file: 'assets/traces/AzureLLMInferenceTrace_code.csv',
    title: 'Azure LLM inference trace 2023, code',
    licence: 'CC BY 4.0',
    attribution:
      'Microsoft Azure, AzurePublicDataset (commit 7909210); Patel et al., "Splitwise", ISCA 2024. Unmodified.',
    url: 'https://github.com/Azure/AzurePublicDataset',
  },
  {
    file: 'assets/traces/mooncake_conversation_trace.jsonl',
    title: 'Mooncake FAST\'25 conversation trace',
    licence: 'Apache-2.0',
    attribution:
      'Moonshot AI (Kimi), kvcache-ai/Mooncake (commit 3cca71d); Qin et al., "Mooncake: Trading More Storage for Less Computation", FAST 2025. Unmodified.',
    url: 'https://github.com/kvcache-ai/Mooncake',
  },
  {
    file: 'assets/traces/mooncake_synthetic_trace.jsonl',
    title: 'Mooncake FAST\'25 synthetic trace',
    licence: 'Apache-2.0',
    attribution: 'Moonshot AI (Kimi), kvcache-ai/Mooncake (commit 3cca71d); FAST 2025. Unmodified.',
    url: 'https://github.com/kvcache-ai/Mooncake',
  },
  {
    file: 'assets/hardware/gpus.csv',
    title: 'GPU specifications',
    licence: 'Facts from public vendor datasheets',
    attribution: 'Compiled for fleetplan from vendor datasheets; each row names its source (assets/hardware/SOURCES.md).',
    url: 'assets/hardware/SOURCES.md',
  },
  {
    file: 'assets/hardware/gpu_prices.csv',
    title: 'Indicative GPU-hour prices',
    licence: 'Facts from public price pages',
    attribution: 'Public on-demand price summaries 2024-2026; each row names its source. Defaults only.',
    url: 'assets/hardware/SOURCES.md',
  },
  {
    file: 'assets/calibration/public/amd-mi300x.csv',
    title: 'Public calibration: AMD Instinct MI300X (vLLM throughput)',
    licence: 'Facts from a public vendor page, © Advanced Micro Devices, Inc.',
    attribution: 'AMD, "Performance results with AMD ROCm software" (ROCm developer hub), vLLM throughput tables; each row names its container.',
    url: 'https://www.amd.com/en/developer/resources/rocm-hub/dev-ai/performance-results.html',
  },
  {
    file: 'assets/calibration/public/intel-gaudi2.csv',
    title: 'Public calibration: Intel Gaudi 2 (LLM throughput)',
    licence: 'Facts from a public vendor page, © Intel Corporation',
    attribution: 'Intel, "Model Performance Data for Intel Gaudi 2 AI Accelerators", SynapseAI 1.18.0.',
    url: 'https://www.intel.com/content/www/us/en/developer/platform/gaudi/model-performance-gaudi2-inference.html',
  },
  {
    file: 'assets/calibration/public/intel-gaudi3.csv',
    title: 'Public calibration: Intel Gaudi 3 (LLM throughput)',
    licence: 'Facts from a public vendor page, © Intel Corporation',
    attribution: 'Intel, "Model Performance Data for Intel Gaudi 3 AI Accelerators", SynapseAI 1.18.0.',
    url: 'https://www.intel.com/content/www/us/en/developer/platform/gaudi/model-performance.html',
  },
];

/** The shipped traces that become the sample workloads on first run. */
export const SAMPLE_TRACES = [
  { file: 'AzureLLMInferenceTrace_conv.csv', name: 'Azure conversation 2023 (1 h)', licence: 0 },
  { file: 'AzureLLMInferenceTrace_code.csv', name: 'Azure code 2023 (1 h)', licence: 1 },
  { file: 'mooncake_conversation_trace.jsonl', name: 'Mooncake conversation (59 min)', licence: 2 },
  { file: 'mooncake_synthetic_trace.jsonl', name: 'Mooncake synthetic', licence: 3 },
] as const;
