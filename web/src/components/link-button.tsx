import { Button, type ButtonProps } from 'antd';
import type { MouseEvent } from 'react';
import { useHref, useLinkClickHandler } from 'react-router';

/**
 * A button that goes to another page of the app: one link styled as a button (an `<a class="ant-btn">`),
 * not a button inside a link — a `<button>` nested in an `<a>` is two controls for one action to a screen
 * reader and a keyboard (axe-core: nested-interactive). Plain clicks navigate in the app; a middle click or
 * Ctrl-click opens a new tab as links do.
 */
export function LinkButton({ to, onClick, ...props }: Omit<ButtonProps, 'href'> & { to: string }) {
  const href = useHref(to);
  const navigate = useLinkClickHandler<HTMLAnchorElement>(to);
  return (
    <Button
      {...props}
      href={href}
      onClick={(e: MouseEvent<HTMLElement>) => {
        onClick?.(e);
        if (!e.defaultPrevented) navigate(e as MouseEvent<HTMLAnchorElement>);
      }}
    />
  );
}
