// A container's width in pixels, for a chart drawn once at its real size: null until measured,
// then kept up to date by a ResizeObserver (a fallback width where layout gives none, as in jsdom).
import { useLayoutEffect, useRef, useState } from 'react';

export function useElementWidth(fallbackWidth = 800) {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState<number | null>(null);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    setWidth(element.clientWidth || fallbackWidth);
    if (typeof ResizeObserver !== 'function') return;
    const observer = new ResizeObserver(([entry]) => {
      const next = Math.round(entry!.contentRect.width);
      if (next > 0) setWidth(next);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [fallbackWidth]);
  return { ref, width };
}
