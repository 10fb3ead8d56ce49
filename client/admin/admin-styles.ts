import { css } from 'lit';

/** Layout of the admin sections: a filter/form grid and a row of actions. */
export const adminStyles = css`
  .form-grid {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(200px, 1fr));
    gap: 16px 20px;
    align-items: start;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 12px;
    align-items: center;
  }
  [role='status'] > .message {
    margin-bottom: 16px;
  }
  .optional {
    font-weight: 400;
    color: var(--fw-text-muted);
  }
  td select {
    min-height: 40px;
    padding: 6px 10px;
    width: auto;
    min-width: 160px;
  }
  td button {
    min-height: 40px;
    padding: 0 16px;
  }
`;
