/**
 * A load that stops moving (a host that accepts the connection and sends nothing, a body that
 * never finishes, a compile that hangs) is noticed per phase and reported with its own message
 * and a retry (engine/stall-watchdog.ts, engine/errors.ts). Fake timers: no real waiting.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { STALL_SECONDS, phaseOfRequest, watchForStall, type StallPhase } from '../../src/playground/engine/stall-watchdog';
import { describeEngineError } from '../../src/playground/engine/errors';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the load stall watchdog', () => {
  test('a config download that never sends a byte is reported after its allowance, not before', () => {
    const stalls: [StallPhase, number][] = [];
    watchForStall('config', (phase, seconds) => stalls.push([phase, seconds]));
    vi.advanceTimersByTime(STALL_SECONDS.config * 1000 - 1);
    expect(stalls).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(stalls).toEqual([['config', STALL_SECONDS.config]]);
    vi.advanceTimersByTime(600_000);
    expect(stalls).toHaveLength(1);
  });

  test('bytes arriving keep a slow download alive; when they stop, it stalls', () => {
    const stalls: StallPhase[] = [];
    const watchdog = watchForStall('config', (phase) => stalls.push(phase));
    watchdog.progress('download');
    for (let i = 0; i < 20; i++) {
      vi.advanceTimersByTime((STALL_SECONDS.download - 1) * 1000);
      watchdog.progress();
    }
    expect(stalls).toEqual([]);
    vi.advanceTimersByTime(STALL_SECONDS.download * 1000);
    expect(stalls).toEqual(['download']);
  });

  test('each phase has its own allowance; compiling shaders gets the longest', () => {
    const stalls: StallPhase[] = [];
    const watchdog = watchForStall('config', (phase) => stalls.push(phase));
    watchdog.progress('compile');
    vi.advanceTimersByTime(STALL_SECONDS.download * 1000);
    expect(stalls).toEqual([]);
    vi.advanceTimersByTime((STALL_SECONDS.compile - STALL_SECONDS.download) * 1000);
    expect(stalls).toEqual(['compile']);
    expect(STALL_SECONDS.compile).toBeGreaterThan(STALL_SECONDS.download);
  });

  test('a finished load stops watching', () => {
    const onStall = vi.fn();
    watchForStall('library', onStall).stop();
    vi.advanceTimersByTime(600_000);
    expect(onStall).not.toHaveBeenCalled();
  });

  test.each([
    ['https://huggingface.co/mlc-ai/Q/resolve/main/mlc-chat-config.json', 'config'],
    ['https://huggingface.co/mlc-ai/Q/resolve/main/tokenizer.json', 'config'],
    ['https://raw.githubusercontent.com/mlc-ai/binary-mlc-llm-libs/main/x/Q-webgpu.wasm', 'library'],
    ['https://huggingface.co/mlc-ai/Q/resolve/main/params_shard_12.bin', 'download'],
  ])('%s belongs to the %s phase', (url, phase) => {
    expect(phaseOfRequest(url)).toBe(phase);
  });

  test('every phase has its own Chinese message, and each offers a retry', () => {
    const phases: StallPhase[] = ['config', 'library', 'download', 'cache', 'compile'];
    const infos = phases.map((phase) => describeEngineError(`LoadStalledError: [${phase}] no progress for ${STALL_SECONDS[phase]} s`));
    expect(new Set(infos.map((info) => info.message)).size).toBe(phases.length);
    for (const [i, info] of infos.entries()) {
      expect(info.kind).toBe('stalled');
      expect(info.action).toBe('retry');
      expect(info.message).toContain(`${STALL_SECONDS[phases[i]!]} 秒没有任何进展`);
      expect(info.message).not.toMatch(/[A-Za-z]{4,}/);
    }
    expect(infos[2]!.message).toMatch(/^下载模型权重时卡住了/);
    expect(infos[4]!.message).toMatch(/编译着色器/);
  });
});
