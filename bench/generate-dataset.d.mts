/** Types for the seeded dataset generator (used by the bench and by tests). */
export declare const email: (i: number) => string;
export declare function writeContacts(path: string, contacts: number, seed?: number): Promise<void>;
export declare function writeEvents(path: string, contacts: number, events: number, campaigns?: number, seed?: number): Promise<number>;
