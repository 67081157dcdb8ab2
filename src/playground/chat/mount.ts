/**
 * The chat island's entry point, loaded by Island.astro when the island comes near the
 * viewport. This is the only place that constructs the production engine: WorkerChatEngine starts
 * its worker — and with it the web-llm download — on its first call, which the session makes only
 * when the reader presses 加载. Tests pass `createEngine` to put a scripted engine behind the real
 * view, so no test code reaches the production bundle.
 */

import type { EnvironmentDescription } from '../gpu/capability';
import type { ChatEngine } from '../engine/chat-engine';
import { WorkerChatEngine } from '../engine/worker-engine';
import { joinGpuTenants } from '../gpu/gpu-tenants';
import { currentModelSource } from '../sources/source-store';
import { ChatSession } from '../session/chat-session';
import { createChatView } from './view/chat-view';
import { createCpuOffer } from '../cpu/view/cpu-offer';
import { nextStepsOf } from '../ui/capability-notice';
import { nextTask } from '../../lib/next-task';
import { frameByFrame, topDown } from '../ui/dom';

export interface MountOptions {
  createEngine?: () => ChatEngine;
  /** Replaces the real WebGPU probe (tests). */
  probe?: () => Promise<EnvironmentDescription>;
  reloadPage?: () => void;
}

export interface MountedChat {
  session: ChatSession;
  /** Renders pending changes now (tests; the view otherwise renders once per frame). */
  flush(): void;
  /** Removes the island and ends its engine. */
  destroy(): Promise<void>;
}

let mountCount = 0;

/** The island contract (scripts/islands.ts): production engine, real probe. */
export async function mount(root: HTMLElement): Promise<void> {
  await mountChat(root);
}

export async function mountChat(root: HTMLElement, options: MountOptions = {}): Promise<MountedChat> {
  // Asked on every call, so a download-source change made elsewhere on the site applies here too.
  const engine = (options.createEngine ?? (() => new WorkerChatEngine({ source: currentModelSource })))();
  const session: ChatSession = new ChatSession({
    engine,
    ...(options.probe === undefined ? {} : { probe: options.probe }),
    onWillLoad: () => tenancy.claim(),
  });
  const tenancy = joinGpuTenants(session);
  const id = `chat-${++mountCount}`;
  const reloadPage = options.reloadPage ?? (() => location.reload());
  const offerId = `${id}-cpu`;
  const view = createChatView(session, { id, reloadPage, nextSteps: nextStepsOf(root, offerId) });
  // The CPU path replaces this island's WebGPU chat in place; its code loads only on that click.
  let cpuChat: { destroy(): Promise<void> } | null = null;
  const offer = createCpuOffer(async () => {
    const { mountCpuChat } = await import('../cpu/mount-cpu-chat');
    view.destroy();
    tenancy.leave();
    await engine.dispose();
    cpuChat = await mountCpuChat(root, `${id}-cpu`, reloadPage);
  });
  offer.element.id = offerId;
  // The view goes in a piece per animation frame, from the top down, so nothing already drawn
  // moves: laid out at once the first time (the notice and model list without WebGPU, the setup
  // panel and settings with it), it took a phone's main thread over a frame's budget in the frame
  // the reader scrolled it into view. Its opening sentence (and status line) at once; the rest
  // once the probe has decided what it shows, so no piece is drawn twice: each panel, then its
  // parts (not further down: the notice redraws its own parts when another island hands it over).
  const later = [...view.element.children].slice(2);
  for (const piece of later) piece.remove();
  root.replaceChildren(view.element);
  // The GPU probe in a task of its own, apart from building the view.
  await nextTask();
  await session.checkCapability();
  offer.update(session.getState().capability?.ok === true);
  view.flush();
  await frameByFrame([...topDown(view.element, later, 2), () => root.append(offer.element)], root);

  return {
    session,
    flush: view.flush,
    async destroy() {
      root.replaceChildren();
      if (cpuChat !== null) return cpuChat.destroy();
      view.destroy();
      tenancy.leave();
      await engine.dispose();
    },
  };
}
