/** The review picture a sidecar answer may carry, attached to an item as the binary property "review". */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { ReviewPicture } from './types';

export async function attachReview(ctx: IExecuteFunctions, item: INodeExecutionData | undefined, picture: ReviewPicture | undefined): Promise<void> {
	if (!item || !picture) return;
	const data = await ctx.helpers.prepareBinaryData(Buffer.from(picture.base64, 'base64'), picture.fileName, picture.mimeType);
	item.binary = { ...(item.binary ?? {}), review: data };
}
