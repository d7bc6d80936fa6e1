export declare const projectRoot: string;
export declare function isBuildStale(): boolean;
export declare function ensureBuilt(options?: { quiet?: boolean }): void;
