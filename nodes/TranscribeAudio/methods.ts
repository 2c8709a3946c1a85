/**
 * Choices the sidecar knows, for the node's dropdowns: its speech models (downloaded or not) and
 * the languages of the chosen one. n8n calls these while a user edits the node.
 */
import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { CREDENTIAL_NAME, SIDECAR_ROUTES } from '../shared/routes';
import type { ModelsResponse } from '../shared/types';

async function speechModels(ctx: ILoadOptionsFunctions): Promise<ModelsResponse['models']> {
	const creds = await ctx.getCredentials<{ baseUrl: string }>(CREDENTIAL_NAME);
	const res = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, CREDENTIAL_NAME, {
		method: 'GET',
		url: `${creds.baseUrl.trim().replace(/\/+$/, '')}${SIDECAR_ROUTES.models.path}`,
		json: true,
		timeout: 15_000,
	})) as ModelsResponse;
	return res.models.filter((m) => m.task === 'asr');
}

const languageName = (code: string): string => {
	try {
		return new Intl.DisplayNames(['en'], { type: 'language' }).of(code) ?? code;
	} catch {
		return code;
	}
};

export async function getSpeechModels(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const models = await speechModels(this);
	return models.map((m) => {
		const langs = m.languages ?? [];
		const reach = langs.length === 1 ? `${languageName(langs[0]!)} only` : `${langs.length} languages${m.translate ? ', translates' : ''}`;
		return {
			name: `${m.id} (${reach})${m.downloaded ? '' : ' — not downloaded'}`,
			value: m.id,
			description: m.downloaded
				? m.description
				: `Not on the sidecar yet: ask its operator to run "gpu-inference-sidecar models pull ${m.id}". ${m.description}`,
		};
	});
}

export async function getModelLanguages(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const model = this.getCurrentNodeParameter('model') as string | undefined;
	const entry = (await speechModels(this)).find((m) => m.id === model);
	const languages = (entry?.languages ?? []).map((code) => ({ name: languageName(code), value: code })).sort((a, b) => a.name.localeCompare(b.name));
	return [{ name: languages.length === 1 ? `Auto (${languages[0]!.name})` : 'Auto-Detect', value: 'auto' }, ...languages];
}
