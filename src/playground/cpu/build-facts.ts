/**
 * The size line under the picker for a GGUF build: the listed size, or that it is not verified;
 * and its speed as measured on this device by the reader's last answer. Before that there is no
 * figure to give: the site's own tests run a tiny test model that cannot answer questions, and a
 * real model's speed depends on the device's CPU, so none is guessed.
 */
import type { GgufBuild } from './gguf-catalogue';

export function ggufBuildFacts(build: GgufBuild, measuredDecodeTokensPerSecond: number | null = null): string {
  const size =
    build.listedSize === null ? '下载大小未核实' : `下载 ${build.listedSize}（模型仓库列出的大小）`;
  const speed =
    measuredDecodeTokensPerSecond === null
      ? '生成速度本站没有测量过（取决于你设备的 CPU），回答后这里显示在你的设备上测得的速度'
      : `在你的设备上测得解码速度 ${measuredDecodeTokensPerSecond.toFixed(1)} token/秒（上一次回答）`;
  return `${size} · 内存至少与文件一样大 · ${speed} · 许可：${build.licence}`;
}
