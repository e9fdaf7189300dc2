/** Where the API reference is written, relative to the repository. */
export declare const API_DOCS: string;
/** The markdown of docs/api.md, from the declarations of src/index.ts and src/instrument/prom-client.ts. */
export declare function renderApiDocs(): string;
