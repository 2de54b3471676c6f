/**
 * Drawings of board snapshots (core has no DOM): SVG and PNG made with Excalidraw's own export,
 * stored beside the snapshot so review, export and archives use the same files.
 */
/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-redundant-type-constituents --
   Excalidraw 0.18's export types refer to packages it does not ship (@excalidraw/element…), which
   typescript-eslint reads as error types; tsc (skipLibCheck) checks this file's own code. */
import './asset-path.js';
import { exportToBlob, exportToSvg } from '@excalidraw/excalidraw';
import { api } from '../../../api/client.js';

type ExportInput = Parameters<typeof exportToSvg>[0];

function sceneInput(scene: string, dark = false): ExportInput | null {
  try {
    const data = JSON.parse(scene) as { elements?: unknown[]; files?: Record<string, unknown> };
    const elements = (data.elements ?? []).filter((e) => !(e as { isDeleted?: boolean }).isDeleted);
    if (elements.length === 0) return null;
    return {
      elements: elements as ExportInput['elements'],
      files: (data.files ?? {}) as ExportInput['files'],
      appState: { exportBackground: true, exportWithDarkMode: dark, viewBackgroundColor: '#ffffff' },
      exportPadding: 16,
    };
  } catch {
    return null;
  }
}

export async function sceneToSvg(scene: string, dark = false): Promise<string | null> {
  const input = sceneInput(scene, dark);
  if (!input) return null;
  const svg = await exportToSvg(input);
  return new XMLSerializer().serializeToString(svg);
}

export async function sceneToPng(scene: string): Promise<Blob | null> {
  const input = sceneInput(scene);
  if (!input) return null;
  return exportToBlob({ ...input, mimeType: 'image/png' });
}

async function base64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Draws every snapshot of the session that has no drawing yet; an empty board gets none. */
export async function renderPendingSnapshots(sessionId: string): Promise<number> {
  const snapshots = await api.board.snapshots({ sessionId });
  let drawn = 0;
  for (const s of snapshots) {
    if (s.svg !== null) continue;
    const svg = await sceneToSvg(s.scene);
    if (svg === null) continue;
    const png = await sceneToPng(s.scene);
    await api.board.saveRendering({
      sessionId,
      turnSeq: s.turnSeq,
      svg,
      pngBase64: png ? await base64(png) : null,
    });
    drawn++;
  }
  return drawn;
}
