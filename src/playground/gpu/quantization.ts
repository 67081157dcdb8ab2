/**
 * The quantization schemes web-llm 0.2.86 ships for Qwen and Llama 3, and what each one asks of
 * the GPU and of the network.
 *
 * Name format (MLC): q<weight bits>f<compute float bits>[_<variant>]. "q0" means unquantized.
 */

export type Quantization = 'q4f16_1' | 'q4f32_1' | 'q0f16' | 'q0f32';

export const QUANTIZATIONS: readonly Quantization[] = ['q4f16_1', 'q4f32_1', 'q0f16', 'q0f32'];

/** llama.cpp's names for the GGUF builds of the CPU path (cpu/gguf-catalogue.ts); no GPU involved. */
export type GgufQuantization = 'Q4_K_M';

/** Either engine's quantization, as the chat picker shows it. */
export type AnyQuantization = Quantization | GgufQuantization;

/**
 * f16 builds run their shaders in 16-bit floats. web-llm does not declare
 * required_features: ["shader-f16"] for any Qwen/Llama 3 build, so nothing stops an f16 build
 * from being downloaded onto a GPU that cannot run it; we have to filter ourselves.
 */
export function needsShaderF16(quantization: AnyQuantization): boolean {
  return quantization === 'q4f16_1' || quantization === 'q0f16';
}

/** The MLC builds run on WebGPU (web-llm); the GGUF builds of the CPU path need no GPU. */
export function needsWebGpu(quantization: AnyQuantization): quantization is Quantization {
  return (QUANTIZATIONS as readonly string[]).includes(quantization);
}

/** Quantizations this GPU can run at all. */
export function usableQuantizations(shaderF16: boolean): Quantization[] {
  return QUANTIZATIONS.filter((q) => shaderF16 || !needsShaderF16(q));
}

/**
 * Average stored bits per weight, used only for the download-size *estimate*.
 * MLC's "_1" group quantization packs 4-bit weights in groups of 32 that share one scale stored
 * in the compute float type: 4 + 16/32 = 4.5 bits (f16 scale) or 4 + 32/32 = 5 bits (f32 scale).
 * Unquantized builds store every weight in the compute float type.
 */
export const BITS_PER_WEIGHT: Readonly<Record<Quantization, number>> = {
  q4f16_1: 4.5,
  q4f32_1: 5,
  q0f16: 16,
  q0f32: 32,
};
