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
					{ timeoutMs: (options.timeoutSeconds ?? 600) * 1000 },
				);
				if (output === 'segments') {
					return result.segments.map((s, index) => ({
						json: {
							fileName,
							index,
							start: s.start,
							end: s.end,
							text: s.text,
							language: result.language,
						},
					}));
				}
				const { subtitles: subtitleFile, ...transcript } = result;
				const item: INodeExecutionData = {
					json: { fileName, ...(transcript as unknown as IDataObject) },
				};
				if (subtitleFile) {
					const base = (fileName ?? 'transcript').replace(/\.[^.]+$/, '');
					const mime = subtitleFile.format === 'srt' ? 'application/x-subrip' : 'text/vtt';
					item.binary = {
						subtitles: await this.helpers.prepareBinaryData(
							Buffer.from(subtitleFile.content, 'utf8'),
							`${base}.${subtitleFile.format}`,
							mime,
						),
					};
				}
				return [item];
			}),
		options.concurrency ?? 2,
	);
}
