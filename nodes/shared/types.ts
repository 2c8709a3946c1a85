/**
 * Shapes of the sidecar's answers, by the names the nodes use. Every one is a type of
 * nodes/shared/contract.ts, which scripts/node-types.ts generates from the sidecar's OpenAPI
 * document (GET /openapi.json): no shape is written here a second time.
 */
import type { GpuStatus, InvoiceResult, ModelList, Segment, Table, TableResult, Transcript } from './contract';

export type { GpuInfo, ModelStatus, ReviewPicture, TableCell } from './contract';

export type ExecutionProvider = GpuStatus['activeProvider'];
export type GpuStatusResponse = GpuStatus;
export type TranscriptSegment = Segment;
export type TranscribeResponse = Transcript;
export type InvoiceResponse = InvoiceResult;
export type InvoiceFields = InvoiceResult['fields'];
export type InvoiceLineItem = InvoiceResult['lineItems'][number];
export type TableData = Table;
export type TableResponse = TableResult;
export type ModelsResponse = ModelList;
export type ModelInfo = ModelList['models'][number];
