/** The size line under the picker for a GGUF build: the listed size, or that it is not verified. */
import type { GgufBuild } from './gguf-catalogue';

export function ggufBuildFacts(build: GgufBuild): string {
  const size =
    build.listedSize === null ? '下载大小未核实' : `下载 ${build.listedSize}（模型仓库列出的大小）`;
  return `${size} · 内存至少与文件一样大 · 在 CPU 上的生成速度未经测量 · 许可：${build.licence}`;
}
