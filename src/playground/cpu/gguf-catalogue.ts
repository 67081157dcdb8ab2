/**
 * The GGUF builds the CPU path offers (llama.cpp compiled to WebAssembly, see cpu-chat-engine.ts):
 * small Qwen and Llama 3 models a phone CPU can run. Every file name and size is copied from the
 * repository listing named in `source`; a size we could not check there is left null and shown as
 * "not verified" rather than guessed.
 *
 * Model names, parameter counts and recommended sampling come from the WebGPU catalogue's rows for
 * the same models, so the two paths describe a model the same way.
 */

import { CATALOGUE, type CatalogueEntry } from '../catalogue';
import type { GgufQuantization } from '../gpu/quantization';
import { GGUF_REPOS } from './gguf-repos';

export interface GgufBuild {
  /** Our id, unique across both catalogues. */
  id: string;
  /** The WebGPU catalogue entry of the same model (name, family, parameters, sampling). */
  sameModelAs: string;
  quantization: GgufQuantization;
  /** Hugging Face repository, "owner/name". */
  repo: string;
  file: string;
  /** The size exactly as the listing shows it, or null when not verified. */
  listedSize: string | null;
  /** The same in bytes ("398 MB" = 398 × 10⁶), for the picker's memory figure. */
  listedBytes: number | null;
  /** Where the file name and size were read. */
  source: string;
  licence: string;
}

export const GGUF_BUILDS: readonly GgufBuild[] = [
  {
    id: 'Qwen2.5-0.5B-Instruct-Q4_K_M-GGUF',
    sameModelAs: 'Qwen2.5-0.5B-Instruct-q4f16_1-MLC',
    quantization: 'Q4_K_M',
    repo: GGUF_REPOS.qwen25Half,
    file: 'Qwen2.5-0.5B-Instruct-Q4_K_M.gguf',
    listedSize: '398 MB',
    listedBytes: 398e6,
    source: 'https://huggingface.co/bartowski/Qwen2.5-0.5B-Instruct-GGUF/tree/daff4be8564f026d6078012b05b434a720726554',
    licence: 'Apache-2.0',
  },
  {
    id: 'Qwen3-0.6B-Q4_K_M-GGUF',
    sameModelAs: 'Qwen3-0.6B-q4f16_1-MLC',
    quantization: 'Q4_K_M',
    // The file name is the one the repository's model card gives for download; its file listing
    // could not be checked, so no size is claimed.
    repo: GGUF_REPOS.qwen3Small,
    file: 'Qwen_Qwen3-0.6B-Q4_K_M.gguf',
    listedSize: null,
    listedBytes: null,
    source: 'https://huggingface.co/bartowski/Qwen_Qwen3-0.6B-GGUF',
    licence: 'Apache-2.0',
  },
  {
    id: 'Llama-3.2-1B-Instruct-Q4_K_M-GGUF',
    sameModelAs: 'Llama-3.2-1B-Instruct-q4f16_1-MLC',
    quantization: 'Q4_K_M',
    repo: GGUF_REPOS.llama32One,
    file: 'Llama-3.2-1B-Instruct-Q4_K_M.gguf',
    // The model card's file table: "Llama-3.2-1B-Instruct-Q4_K_M.gguf  Q4_K_M  0.81GB".
    listedSize: '0.81GB',
    listedBytes: 0.81e9,
    source: 'https://huggingface.co/bartowski/Llama-3.2-1B-Instruct-GGUF',
    licence: 'Llama 3.2 Community License',
  },
];

/** Tokens of context the CPU path allocates: enough for a short chat, small enough for a phone. */
export const CPU_CONTEXT_TOKENS = 2048;

export function findGgufBuild(id: string): GgufBuild | undefined {
  return GGUF_BUILDS.find((build) => build.id === id);
}

function sameModel(build: GgufBuild): CatalogueEntry {
  const entry = CATALOGUE.find((candidate) => candidate.id === build.sameModelAs);
  if (entry === undefined) throw new Error(`${build.id}: no catalogue entry ${build.sameModelAs}`);
  return entry;
}

/**
 * The builds as chat-picker entries. Memory: the whole file is read into WebAssembly memory, so
 * the file size is what the model needs at least (the context adds a little). A build of unknown
 * size sorts last, so the picker's default is one whose size the reader can see.
 */
export const CPU_CATALOGUE: readonly CatalogueEntry[] = GGUF_BUILDS.map((build) => {
  const model = sameModel(build);
  const megabytes = build.listedBytes === null ? Number.MAX_SAFE_INTEGER : Math.ceil(build.listedBytes / 1e6);
  return {
    ...model,
    id: build.id,
    quantization: build.quantization,
    vramRequiredMB: megabytes,
    lowResourceRequired: true,
    contextWindow: CPU_CONTEXT_TOKENS,
    estimatedDownloadBytes: build.listedBytes ?? 0,
  };
});
