export declare const chromiumPath: string;
export declare function missingSystemParts(): string[];
export declare function ensureSystem(): void;
