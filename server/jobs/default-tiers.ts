// The hardware tiers a new embedded Domino starts with (an operator may change the rows later;
// these are only inserted where missing). GPUs are recorded, not provided: they are simulated.
import type { HardwareTierRow } from '../db/hardware-tiers-repository';

export const DEFAULT_HARDWARE_TIERS: readonly HardwareTierRow[] = [
  { id: 'small-k8s', name: 'Small', cores: 1, memoryGiB: 4, gpuCount: 0, gpuType: null, centsPerMinute: 0.8, maxSimultaneousExecutions: 4, maxRunMinutes: 120, isDefault: true, isArchived: false, sortOrder: 1 },
  { id: 'medium-k8s', name: 'Medium', cores: 2, memoryGiB: 8, gpuCount: 0, gpuType: null, centsPerMinute: 1.6, maxSimultaneousExecutions: 3, maxRunMinutes: 240, isDefault: false, isArchived: false, sortOrder: 2 },
  { id: 'large-k8s', name: 'Large', cores: 4, memoryGiB: 16, gpuCount: 0, gpuType: null, centsPerMinute: 3.2, maxSimultaneousExecutions: 2, maxRunMinutes: 480, isDefault: false, isArchived: false, sortOrder: 3 },
  { id: 'gpu-k8s', name: 'GPU (simulated)', cores: 4, memoryGiB: 16, gpuCount: 1, gpuType: 'nvidia-t4', centsPerMinute: 9.5, maxSimultaneousExecutions: 1, maxRunMinutes: 480, isDefault: false, isArchived: false, sortOrder: 4 },
];
