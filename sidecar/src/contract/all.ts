/** Loads every schema of the contract, so the registries hold all of them before the document is made. */
export * from './status';
export * from './requests';
export * from './ocr';
export * from './transcribe';
export * from './tables';
export * from './invoice';
