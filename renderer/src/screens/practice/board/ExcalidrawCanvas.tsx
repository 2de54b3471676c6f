/**
 * The Excalidraw editor, loaded lazily (it is most of the UI's size). Library, sharing, embeds
 * and the AI tools are left out: the app is offline and its CSP would block them anyway.
 */
import './asset-path.js';
import '@excalidraw/excalidraw/index.css';
import { Excalidraw, MainMenu, serializeAsJSON, WelcomeScreen } from '@excalidraw/excalidraw';
import type { ExcalidrawImperativeAPI, ExcalidrawInitialDataState } from '@excalidraw/excalidraw/types';
import { useEffect, useMemo, useRef } from 'react';

export interface CanvasProps {
  /** The scene to start from, as Excalidraw saves it (JSON text), or null for an empty board. */
  initialScene: string | null;
  dark: boolean;
  readOnly?: boolean;
  /** Called with the scene as JSON text whenever an element changes. */
  onSceneChange?: (scene: string) => void;
  onReady?: (api: ExcalidrawImperativeAPI) => void;
}

function initialData(scene: string | null) {
  if (!scene) return { elements: [], scrollToContent: true };
  try {
    const data = JSON.parse(scene) as { elements?: unknown[]; files?: Record<string, unknown> };
    return { elements: data.elements ?? [], files: data.files ?? {}, scrollToContent: true };
  } catch {
    return { elements: [], scrollToContent: true };
  }
}

export default function ExcalidrawCanvas({ initialScene, dark, readOnly, onSceneChange, onReady }: CanvasProps) {
  // Only element changes matter: Excalidraw calls onChange on every pointer move too.
  const lastVersion = useRef<number | null>(null);
  const data = useMemo(() => initialData(initialScene), [initialScene]);
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const root = host.current;
    if (!root) return;
    // Excalidraw's menu button is an icon without a name (axe: button-name); name it for screen readers.
    const name = () =>
      root
        .querySelectorAll('.main-menu-trigger:not([aria-label])')
        .forEach((b) => b.setAttribute('aria-label', 'Board menu'));
    name();
    const observer = new MutationObserver(name);
    observer.observe(root, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, []);
  return (
    <div className="board-host" ref={host}>
      <Excalidraw
        // Stored scenes are restored by Excalidraw, which fills any missing fields.
        initialData={data as unknown as ExcalidrawInitialDataState}
        theme={dark ? 'dark' : 'light'}
        viewModeEnabled={readOnly === true}
        excalidrawAPI={(api) => onReady?.(api)}
        aiEnabled={false}
        validateEmbeddable={() => false}
        UIOptions={{
          canvasActions: {
            changeViewBackgroundColor: false,
            clearCanvas: !readOnly,
            export: false,
            loadScene: !readOnly,
            saveToActiveFile: false,
            saveAsImage: true,
            toggleTheme: null,
          },
          tools: { image: true },
        }}
        onChange={(elements, appState, files) => {
          if (!onSceneChange) return;
          let version = elements.length;
          for (const e of elements) version += e.version;
          version += Object.keys(files).length * 1_000_003;
          if (version === lastVersion.current) return;
          const first = lastVersion.current === null;
          lastVersion.current = version;
          if (!first) onSceneChange(serializeAsJSON(elements, appState, files, 'local'));
        }}
      >
        <MainMenu>
          {!readOnly && <MainMenu.DefaultItems.LoadScene />}
          <MainMenu.DefaultItems.SaveAsImage />
          {!readOnly && <MainMenu.DefaultItems.ClearCanvas />}
          <MainMenu.DefaultItems.Help />
        </MainMenu>
        {!readOnly && (
          <WelcomeScreen>
            <WelcomeScreen.Hints.ToolbarHint />
            <WelcomeScreen.Center>
              <WelcomeScreen.Center.Heading>
                Sketch your design while you talk: boxes for components, arrows for calls and data.
              </WelcomeScreen.Center.Heading>
            </WelcomeScreen.Center>
          </WelcomeScreen>
        )}
      </Excalidraw>
    </div>
  );
}
