import { css } from 'lit';

/** The dot before a person who is here: filled while active, a ring while idle (on `.idle`). */
export const presenceDotStyles = css`
  .dot {
    width: 10px;
    height: 10px;
    margin-top: 8px;
    border-radius: 50%;
    background: var(--fw-success);
  }
  .idle .dot {
    background: transparent;
    border: 2px solid var(--fw-away);
  }
`;
