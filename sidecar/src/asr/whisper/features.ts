/**
 * Whisper's log-mel front end, as openai/whisper's audio.py computes it: 16 kHz audio, a periodic
 * Hann window of 400 samples, hop 160, reflect padding by 200 on each side (torch.stft center=True),
 * power spectrum, Slaney-style mel filters (librosa's default), log10 clamped to 8 below the
 * maximum, then (x + 4) / 4. The mel filters are computed here, not loaded: the test holds them
 * to openai's own filter banks. Pure.
 */
export const N_FFT = 400;
export const HOP = 160;
export const SAMPLE_RATE = 16000;

const hzToMel = (hz: number) => {
	// Slaney: linear below 1 kHz, logarithmic above.
	const fSp = 200 / 3;
	const minLogHz = 1000;
	const minLogMel = minLogHz / fSp;
	const logStep = Math.log(6.4) / 27;
	return hz >= minLogHz ? minLogMel + Math.log(hz / minLogHz) / logStep : hz / fSp;
};
const melToHz = (mel: number) => {
	const fSp = 200 / 3;
	const minLogHz = 1000;
	const minLogMel = minLogHz / fSp;
	const logStep = Math.log(6.4) / 27;
	return mel >= minLogMel ? minLogHz * Math.exp(logStep * (mel - minLogMel)) : fSp * mel;
};

/** librosa.filters.mel(sr=16000, n_fft=400, n_mels, htk=False, norm='slaney'): nMels × 201, row-major. */
export function melFilters(nMels: number, sr = SAMPLE_RATE, nFft = N_FFT): Float32Array {
	const bins = nFft / 2 + 1;
	const fftFreqs = Array.from({ length: bins }, (_, i) => (i * sr) / nFft);
	const minMel = hzToMel(0);
	const maxMel = hzToMel(sr / 2);
	const melF = Array.from({ length: nMels + 2 }, (_, i) => melToHz(minMel + ((maxMel - minMel) * i) / (nMels + 1)));
	const out = new Float32Array(nMels * bins);
	for (let m = 0; m < nMels; m++) {
		const lower = melF[m]!;
		const center = melF[m + 1]!;
		const upper = melF[m + 2]!;
		const enorm = 2 / (upper - lower);
		for (let k = 0; k < bins; k++) {
			const f = fftFreqs[k]!;
			const w = Math.max(0, Math.min((f - lower) / (center - lower), (upper - f) / (upper - center)));
			out[m * bins + k] = w * enorm;
		}
	}
	return out;
}

/** Power spectra (frames × 201) of the STFT; the last frame is dropped, as Whisper does. */
export function powerSpectrogram(audio: Float32Array): { frames: number; power: Float64Array } {
	const pad = N_FFT / 2;
	const n = audio.length;
	const padded = new Float64Array(n + 2 * pad);
	for (let i = 0; i < padded.length; i++) {
		let j = i - pad;
		// Reflect padding (without repeating the edge sample).
		if (j < 0) j = -j;
		if (j >= n) j = 2 * (n - 1) - j;
		padded[i] = n > 0 ? audio[Math.max(0, Math.min(n - 1, j))]! : 0;
	}
	const frames = Math.floor((padded.length - N_FFT) / HOP) + 1 - 1;
	const bins = N_FFT / 2 + 1;
	const window = Float64Array.from({ length: N_FFT }, (_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / N_FFT));
	const cos = Float64Array.from({ length: N_FFT }, (_, i) => Math.cos((2 * Math.PI * i) / N_FFT));
	const sin = Float64Array.from({ length: N_FFT }, (_, i) => Math.sin((2 * Math.PI * i) / N_FFT));
	const power = new Float64Array(Math.max(0, frames) * bins);
	const frame = new Float64Array(N_FFT);
	for (let t = 0; t < frames; t++) {
		for (let i = 0; i < N_FFT; i++) frame[i] = padded[t * HOP + i]! * window[i]!;
		// A direct DFT: 400 points is not a power of two, and 201 × 400 multiply-adds a frame is cheap next to the model.
		for (let k = 0; k < bins; k++) {
			let re = 0;
			let im = 0;
			for (let i = 0, idx = 0; i < N_FFT; i++, idx = (idx + k) % N_FFT) {
				re += frame[i]! * cos[idx]!;
				im -= frame[i]! * sin[idx]!;
			}
			power[t * bins + k] = re * re + im * im;
		}
	}
	return { frames: Math.max(0, frames), power };
}

/** The log-mel input of Whisper's encoder: nMels × frames, row-major. */
export function logMel(audio: Float32Array, filters: Float32Array, nMels: number): { frames: number; data: Float32Array } {
	const { frames, power } = powerSpectrogram(audio);
	const bins = N_FFT / 2 + 1;
	const data = new Float32Array(nMels * frames);
	let max = -Infinity;
	for (let m = 0; m < nMels; m++) {
		for (let t = 0; t < frames; t++) {
			let s = 0;
			for (let k = 0; k < bins; k++) s += filters[m * bins + k]! * power[t * bins + k]!;
			const v = Math.log10(Math.max(s, 1e-10));
			data[m * frames + t] = v;
			if (v > max) max = v;
		}
	}
	for (let i = 0; i < data.length; i++) data[i] = (Math.max(data[i]!, max - 8) + 4) / 4;
	return { frames, data };
}
