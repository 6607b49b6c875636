import { useEffect } from 'react';

const REGIONS = '.ant-table-content, .ant-table-body';

/**
 * A table that scrolls sideways inside its own box (phones) must be reachable from the keyboard, or its hidden
 * columns cannot be read without a mouse (axe: scrollable-region-focusable). Every such box that overflows is
 * made focusable (and gets back out of the tab order once it no longer overflows), as tables render and as
 * the window is resized.
 */
export function useScrollRegionsFocusable(): void {
  useEffect(() => {
    let frame = 0;
    const mark = () => {
      frame = 0;
      for (const el of Array.from(document.querySelectorAll<HTMLElement>(REGIONS))) {
        const overflows = el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1;
        if (overflows && !el.hasAttribute('tabindex')) {
          el.setAttribute('tabindex', '0');
          el.dataset.scrollFocus = 'true';
        } else if (!overflows && el.dataset.scrollFocus) {
          el.removeAttribute('tabindex');
          delete el.dataset.scrollFocus;
        }
      }
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(mark);
    };
    const observer = new MutationObserver(schedule);
    observer.observe(document.body, { childList: true, subtree: true });
    window.addEventListener('resize', schedule);
    schedule();
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', schedule);
      if (frame) cancelAnimationFrame(frame);
    };
  }, []);
}
