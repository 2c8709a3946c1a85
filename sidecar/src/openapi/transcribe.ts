/**
 * The speech part of the contract: POST /v1/transcribe and its schemas.
 */
import { uploadBody, uploadErrors, v1Errors } from './helpers';

export const transcribePaths = {
		'/v1/transcribe': {
			post: {
				operationId: 'transcribe',
				summary:
					'Speech to text with timed segments, or SRT/VTT subtitles, from audio or the audio track of a video',
				security: [{ bearer: [] }],
				requestBody: uploadBody('one', 'TranscribeOptions'),
				responses: {
					'200': {
						description: 'The transcript (format=json), or plain text, SRT or WebVTT',
						content: {
							'application/json': { schema: { $ref: '#/components/schemas/Transcript' } },
							'text/plain': { schema: { type: 'string' } },
							'application/x-subrip': { schema: { type: 'string' } },
							'text/vtt': { schema: { type: 'string' } },
						},
					},
					...v1Errors,
					...uploadErrors,
				},
			},
		},
};
