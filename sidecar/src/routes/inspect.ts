/** POST /v1/inspect: identify uploaded files by their bytes before sending them to a model. */
import { Router } from 'express';
import type { SidecarContext } from '../context';
import { uploadFiles } from '../http/upload';
import { inspectFile } from '../media/inspect';
import { runJob } from './job';

export function inspectRoutes(ctx: SidecarContext): Router {
	const router = Router();
	router.post('/inspect', ...uploadFiles({ maxUploadMb: ctx.config.maxUploadMb, accept: ['image', 'pdf', 'audio', 'video'], maxFiles: 20 }), async (req, res) => {
		const uploads = req.uploads ?? [];
		const files = await runJob(ctx, () => Promise.all(uploads.map(inspectFile)));
		res.json({ files });
	});
	return router;
}
