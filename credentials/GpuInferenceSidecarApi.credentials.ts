import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class GpuInferenceSidecarApi implements ICredentialType {
	name = 'gpuInferenceSidecarApi';

	displayName = 'GPU Inference Sidecar API';

	icon: Icon = { light: 'file:gpuInference.svg', dark: 'file:gpuInference.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-gpu-inference/n8n-nodes-gpu-inference#readme';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'http://127.0.0.1:8787',
			placeholder: 'http://sidecar:8787',
			description: 'Where the gpu-inference-sidecar listens, as seen from n8n',
			required: true,
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: "The sidecar's API_KEY. Leave empty only if the sidecar runs without one.",
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiKey}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/v1/gpu-status',
			method: 'GET',
		},
	};
}
