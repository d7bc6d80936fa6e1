export declare function findElectronRuntime(
  env?: NodeJS.ProcessEnv,
): { path: string } | { missing: string };
export declare function hasDisplay(env?: NodeJS.ProcessEnv, platform?: NodeJS.Platform): boolean;
