// T2 library modules that reach the world (STDLIB §13–§25).

import type { ModuleTable } from './modules';

export const WORLD_MODULES: ModuleTable = {};
