import { css } from 'lit';

/** Layout shared by the pages: a centred column, and the narrow form panel for sign-in and invitations. */
export const pageStyles = css`
  .page {
    max-width: var(--fw-max-width);
    margin: 0 auto;
    padding: 40px 24px 64px;
  }
  .narrow {
    max-width: 480px;
    margin: 0 auto;
  }
  .narrow h1 {
    margin-bottom: 8px;
  }
  .narrow .intro {
    margin-bottom: 28px;
    color: var(--fw-text-muted);
  }
  .status {
    padding: 32px 0;
    color: var(--fw-text-muted);
  }
`;
