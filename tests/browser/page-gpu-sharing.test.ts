/**
 * The article holds two chat islands and two arenas. Their models would need their VRAM added up,
 * so a demo that loads first has every other demo on the page unload: the real chat and arena
 * views side by side in Chromium, with scripted engines behind them.
 */
import '../../src/styles/global.css';
import '../../src/playground/ui/island.css';
import '../../src/playground/chat/view/chat.css';
import '../../src/playground/downloads/view/models.css';
import '../../src/playground/arena/view/arena.css';
import { afterEach, expect, test } from 'vitest';
import { mountArena, type MountedArena } from '../../src/playground/arena/mount';
import { mountChat, type MountedChat } from '../../src/playground/chat/mount';
import { NOTICES } from '../../src/playground/session/chat-session';
import { SWIFTSHADER } from '../fixtures/environments';
import { FakeChatEngine } from '../fixtures/fake-engine';
import type { ModelFamily } from '../../src/lib/model-families';

const GPU = SWIFTSHADER;

const unmount: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const destroy of unmount.splice(0)) await destroy();
  document.body.replaceChildren();
});

function newRoot(): HTMLElement {
  const root = document.createElement('div');
  document.body.append(root);
  return root;
}

async function chatIsland() {
  const root = newRoot();
  const engine = new FakeChatEngine({ answers: [{ deltas: ['好的。'] }] });
  const chat: MountedChat = await mountChat(root, { createEngine: () => engine, probe: async () => GPU, reloadPage: () => undefined });
  unmount.push(() => chat.destroy());
  return { root, engine, chat };
}

async function arenaIsland() {
  const root = newRoot();
  root.dataset.syncUrl = 'false';
  root.dataset.shareHref = '/playground/arena/';
  const engines: Partial<Record<ModelFamily, FakeChatEngine>> = {};
  const arena: MountedArena = await mountArena(root, {
    engineFactory: (family) => (engines[family] = new FakeChatEngine({ answers: [{ deltas: ['ok'] }] })),
    probe: async () => GPU,
    storage: null,
    url: { current: () => 'http://127.0.0.1:4400/', replace: () => undefined },
  });
  unmount.push(() => arena.destroy());
  return { root, engines, arena };
}

/**
 * Presses a button. The islands' own tests press with the pointer and keyboard; here the islands
 * are several screens tall and re-render as models load, so a pointer click would chase the button.
 */
async function press(button: HTMLButtonElement): Promise<void> {
  expect(button.disabled).toBe(false);
  button.click();
}

const unloads = (engine: FakeChatEngine | undefined) => (engine?.calls ?? []).filter((call) => call.method === 'unload').length;
const chatStatus = (root: HTMLElement) => root.querySelector('[role="status"]')!.textContent;
const sideStatuses = (root: HTMLElement) =>
  [...root.querySelectorAll('.arena-columns > .arena-side [role="status"]')].map((region) => region.textContent);

test('loading in an arena unloads the chat island, and loading the chat again unloads both arena models', async () => {
  const chat = await chatIsland();
  const arena = await arenaIsland();

  await press(chat.root.querySelector<HTMLButtonElement>('.chat-load')!);
  await expect.poll(() => chatStatus(chat.root)).toMatch(/已加载，可以开始对话/);

  await press(arena.root.querySelector<HTMLButtonElement>('.arena-load')!);
  await expect.poll(() => arena.arena.arena.hasModelLoaded('qwen') && arena.arena.arena.hasModelLoaded('llama')).toBe(true);
  // The chat island said why its model is gone; its engine was told to unload.
  expect(chat.chat.session.getState()).toMatchObject({ status: 'idle', loadedModelId: null, notice: NOTICES.released });
  await expect.poll(() => chat.root.textContent).toContain(NOTICES.released);
  expect(unloads(chat.engine)).toBeGreaterThan(0);

  await press(chat.root.querySelector<HTMLButtonElement>('.chat-load')!);
  await expect.poll(() => chatStatus(chat.root)).toMatch(/已加载，可以开始对话/);
  expect(arena.arena.arena.hasModelLoaded('qwen') || arena.arena.arena.hasModelLoaded('llama')).toBe(false);
  expect(unloads(arena.engines.qwen)).toBeGreaterThan(0);
  expect(unloads(arena.engines.llama)).toBeGreaterThan(0);
  await expect.poll(() => sideStatuses(arena.root)).toEqual(['模型 A：已卸载，给另一个模型腾出显存。', '模型 B：已卸载，给另一个模型腾出显存。']);
});

test('two arenas on one page: loading one unloads the other', async () => {
  const first = await arenaIsland();
  const second = await arenaIsland();
  await press(first.root.querySelector<HTMLButtonElement>('.arena-load')!);
  await expect.poll(() => first.arena.arena.hasModelLoaded('qwen') && first.arena.arena.hasModelLoaded('llama')).toBe(true);

  await press(second.root.querySelector<HTMLButtonElement>('.arena-load')!);
  await expect.poll(() => second.arena.arena.hasModelLoaded('qwen') && second.arena.arena.hasModelLoaded('llama')).toBe(true);
  expect(first.arena.arena.hasModelLoaded('qwen') || first.arena.arena.hasModelLoaded('llama')).toBe(false);
  expect(unloads(first.engines.qwen) + unloads(first.engines.llama)).toBeGreaterThanOrEqual(2);
  // Each arena's own two models load together; an arena never unloads its own other side for this.
  expect(unloads(second.engines.qwen) + unloads(second.engines.llama)).toBe(0);
});
