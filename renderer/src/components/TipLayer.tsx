// One tooltip for every [data-tip] element, drawn in a fixed layer above the page so no scrolling table or
// chart panel can cut it, and kept inside the window. It shows while the pointer is over its element, or while
// the element has keyboard focus (:focus-visible), and goes away when the pointer leaves, on a click, on a
// scroll, on Escape and when the element leaves the page: a CSS ::after tooltip on :focus-within stayed up after
// a click until focus moved, even across screens, and was clipped by every overflow:auto box around it.
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { placeTip, type Box } from './tip-place';

const SHOW_DELAY_MS = 250; // as the CSS tooltip had: long enough not to flash while the pointer crosses a toolbar

function tipAnchor(node: EventTarget | null): HTMLElement | null {
  const el = node instanceof Element ? node.closest<HTMLElement>('[data-tip]') : null;
  return el && el.dataset.tip ? el : null;
}

export function TipLayer() {
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [pos, setPos] = useState<{ left: number; top: number } | null>(null);
  const tipRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let current: HTMLElement | null = null;
    let pointerAt = -Infinity; // focus that follows a click is the pointer's, not the keyboard's
    const show = (el: HTMLElement, now = false) => {
      clearTimeout(timer);
      current = el;
      if (now) setAnchor(el);
      else timer = setTimeout(() => setAnchor(el), SHOW_DELAY_MS);
    };
    const hide = () => {
      clearTimeout(timer);
      current = null;
      setAnchor(null);
      setPos(null);
    };
    const onOver = (e: PointerEvent) => {
      const el = tipAnchor(e.target);
      if (el && el !== current) show(el);
      else if (!el && current && !current.matches(':focus-visible')) hide();
    };
    const onOut = (e: PointerEvent) => {
      if (!current) return;
      const to = e.relatedTarget instanceof Node ? e.relatedTarget : null;
      if (!to || !current.contains(to)) hide();
    };
    const onFocusIn = (e: FocusEvent) => {
      const t = e.target instanceof HTMLElement ? e.target : null;
      const el = tipAnchor(t);
      if (t && el && t.matches(':focus-visible') && performance.now() - pointerAt > 500) show(el, true);
    };
    const onFocusOut = (e: FocusEvent) => {
      if (current && e.target instanceof Node && current.contains(e.target)) hide();
    };
    const onDown = () => {
      pointerAt = performance.now();
      hide();
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') hide();
    };
    // Whatever the pointer or keys do next, the element the tip explained may be gone or moved.
    const gone = new MutationObserver(() => {
      if (current && !current.isConnected) hide();
    });
    gone.observe(document.body, { childList: true, subtree: true });
    document.addEventListener('pointerover', onOver);
    document.addEventListener('pointerout', onOut);
    document.addEventListener('pointerdown', onDown, true);
    document.addEventListener('focusin', onFocusIn);
    document.addEventListener('focusout', onFocusOut);
    document.addEventListener('scroll', hide, true);
    document.addEventListener('keydown', onKey);
    window.addEventListener('hashchange', hide);
    window.addEventListener('blur', hide);
    return () => {
      clearTimeout(timer);
      gone.disconnect();
      document.removeEventListener('pointerover', onOver);
      document.removeEventListener('pointerout', onOut);
      document.removeEventListener('pointerdown', onDown, true);
      document.removeEventListener('focusin', onFocusIn);
      document.removeEventListener('focusout', onFocusOut);
      document.removeEventListener('scroll', hide, true);
      document.removeEventListener('keydown', onKey);
      window.removeEventListener('hashchange', hide);
      window.removeEventListener('blur', hide);
    };
  }, []);

  // Measure the drawn tip, then place it below (or above) its element, inside the window.
  useLayoutEffect(() => {
    if (!anchor || !tipRef.current) return;
    const a = anchor.getBoundingClientRect();
    const t = tipRef.current.getBoundingClientRect();
    const box = (r: DOMRect): Box => ({ left: r.left, top: r.top, width: r.width, height: r.height });
    setPos(placeTip(box(a), { width: t.width, height: t.height }, { width: window.innerWidth, height: window.innerHeight }));
  }, [anchor]);

  if (!anchor) return null;
  // A modal <dialog> sits in the top layer, above anything in <body>: its tips are drawn inside it.
  const host = anchor.closest('dialog[open]') ?? document.body;
  return createPortal(
    <div ref={tipRef} className="tip" role="tooltip" data-testid="tip"
      style={pos ? { left: pos.left, top: pos.top } : { left: 0, top: 0, visibility: 'hidden' }}>
      {anchor.dataset.tip}
    </div>,
    host,
  );
}
