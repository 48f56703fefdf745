import type { PanelContext, PanelInstance, PanelModule } from '../../src/widget/panel-contract';
import { hostPanel } from '../../src/widget/panel-host';

/**
 * A panel module around a stand-in panel, with the real host (dialog, shadow root, focus, full
 * screen): what the widget's core loads on first open.
 */
export function panelModule(
  createPanel: (context: PanelContext) => Promise<PanelInstance>,
  prefetchPanel: PanelModule['prefetchPanel'] = async () => {},
): PanelModule {
  return { createHost: (ctx) => hostPanel(ctx, createPanel), prefetchPanel };
}
