/** POST /v1/inspect: identify uploaded files by their bytes before sending them to a model. */
import { Router } from 'express';
import type { SidecarContext } from '../context';
import { uploadFiles } from '../http/upload';
import { uploadLimits } from './limits';
import { inspectFile } from '../media/inspect';
import { runJob } from './job';

export function inspectRoutes(ctx: SidecarContext): Router {
	const router = Router();
	router.post('/inspect', ...uploadFiles({ ...uploadLimits(ctx), accept: ['image', 'pdf', 'audio', 'video'], maxFiles: 20 }), async (req, res) => {
		const uploads = req.uploads ?? [];
		const files = await runJob(ctx, req, res, (signal) => Promise.all(uploads.map((f) => inspectFile(f, ctx.pdf, signal))));
		res.json({ files });
	});
	return router;
}
