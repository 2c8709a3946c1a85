import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { eachFile } from '../shared/files';
import { mapItems } from '../shared/items';
import { SIDECAR_ROUTES } from '../shared/routes';
import { sidecarUpload } from '../shared/transport';
import type { TranscribeResponse } from '../shared/types';

interface Options {
	task?: 'transcribe' | 'translate';
	maxChunkSeconds?: number;
	batchSize?: number;
	beamSize?: number;
	concurrency?: number;
	timeoutSeconds?: number;
	retries?: number;
}

export async function transcribeItems(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const options = this.getNodeParameter('options', 0, {}) as Options;
	return await mapItems(
		this,
		async (i) =>
			await eachFile(this, i, 'audio', async (binaryPropertyName) => {
				const output = this.getNodeParameter('output', i) as 'transcript' | 'segments';
				const subtitles = this.getNodeParameter('subtitles', i) as 'none' | 'srt' | 'vtt';
				const fileName = this.helpers.assertBinaryData(i, binaryPropertyName).fileName ?? null;
				const result = await sidecarUpload<TranscribeResponse>(
					this,
					i,
					SIDECAR_ROUTES.transcribe,
					binaryPropertyName,
					{
						model: this.getNodeParameter('model', i) as string,
						language: this.getNodeParameter('language', i) as string,
						task: options.task,
						maxChunkSeconds: options.maxChunkSeconds,
						batchSize: options.batchSize,
						beamSize: options.beamSize,
						subtitles,
						format: 'json',
					},
					{ timeoutMs: (options.timeoutSeconds ?? 7200) * 1000, retries: options.retries },
				);
				// Subtitles go with every output shape: on the transcript item, or on the first segment item.
				// text/plain with a .srt/.vtt name: n8n previews it ("View"), and the file keeps its extension.
				const { subtitles: subtitleFile, ...transcript } = result;
				const binary = subtitleFile
					? {
							subtitles: await this.helpers.prepareBinaryData(
								Buffer.from(subtitleFile.content, 'utf8'),
								`${(fileName ?? 'transcript').replace(/\.[^.]+$/, '')}.${subtitleFile.format}`,
								'text/plain',
							),
						}
					: undefined;
				if (output === 'segments') {
					const items: INodeExecutionData[] = result.segments.map((s, index) => ({
						json: {
							fileName,
							index,
							start: s.start,
							end: s.end,
							text: s.text,
							language: result.language,
						},
					}));
					// A recording without speech still gives an item: nothing is lost, and the empty result says so.
					if (items.length === 0)
						items.push({
							json: {
								fileName,
								index: null,
								start: null,
								end: null,
								text: '',
								language: result.language,
								warnings: result.warnings,
							},
						});
					if (binary) items[0]!.binary = binary;
					return items;
				}
				const item: INodeExecutionData = {
					json: { fileName, ...(transcript as unknown as IDataObject) },
					...(binary ? { binary } : {}),
				};
				return [item];
			}),
		options.concurrency ?? 2,
	);
}
