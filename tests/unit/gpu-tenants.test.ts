import { expect, test } from 'vitest';
import { joinGpuTenants } from '../../src/playground/gpu/gpu-tenants';

function tenant(name: string, released: string[]) {
  return { release: () => released.push(name) };
}

test('a claim releases every other demo on the page, never the claimant', () => {
  const released: string[] = [];
  const chat = joinGpuTenants(tenant('chat', released));
  const arena = joinGpuTenants(tenant('arena', released));
  const faqArena = joinGpuTenants(tenant('faq arena', released));

  arena.claim();
  expect(released).toEqual(['chat', 'faq arena']);

  released.length = 0;
  chat.claim();
  expect(released).toEqual(['arena', 'faq arena']);

  for (const tenancy of [chat, arena, faqArena]) tenancy.leave();
});

test('a demo that has left is not asked again', () => {
  const released: string[] = [];
  const chat = joinGpuTenants(tenant('chat', released));
  const arena = joinGpuTenants(tenant('arena', released));
  chat.leave();
  arena.claim();
  expect(released).toEqual([]);
  arena.leave();
});
