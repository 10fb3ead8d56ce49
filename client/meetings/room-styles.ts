import { css } from 'lit';

/** The meeting room's layout: agenda and speakers beside the proposal and the minutes, the rest below. */
export const roomStyles = css`
  .page {
    max-width: 1680px;
    padding-top: 24px;
  }
  .conn {
    margin-bottom: 12px;
  }
  .conn:empty {
    display: none;
  }
  fw-meeting-header {
    margin-bottom: 20px;
  }
  .grid {
    display: grid;
    grid-template-columns: minmax(260px, 320px) minmax(0, 1fr);
    gap: 20px;
    align-items: start;
  }
  .side {
    display: grid;
    gap: 16px;
  }
  .work {
    display: grid;
    grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
    gap: 16px;
    height: calc(100vh - 140px);
    min-height: 520px;
    position: sticky;
    top: 12px;
  }
  .work.single {
    grid-template-columns: minmax(0, 1fr);
  }
  .work > * {
    min-height: 0;
  }
  .below {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 300px), 1fr));
    gap: 16px;
    margin-top: 20px;
    align-items: start;
  }
  /* Printing the room prints the minutes: the other panels, the buttons and the scroll boxes go. */
  @media print {
    .page {
      max-width: none;
      padding: 0;
    }
    .conn,
    fw-meeting-header,
    fw-poll-panel,
    .side,
    .below,
    fw-meeting-proposal {
      display: none !important;
    }
    .grid,
    .work {
      display: block !important;
      height: auto !important;
      position: static !important;
    }
  }
  @media (max-width: 1100px) {
    .grid,
    .work {
      grid-template-columns: minmax(0, 1fr);
    }
    .work {
      position: static;
      height: auto;
    }
    .work > * {
      height: 70vh;
    }
  }
  /* On a phone, what a participant acts on comes first: the current item (header), the vote, then the
     hand button (speakers) before the agenda, the proposal and the minutes. */
  @media (max-width: 600px) {
    .side {
      display: flex;
      flex-direction: column;
    }
    .side fw-speakers-panel {
      order: -1;
    }
  }
`;
