/**
 * PostgreSQL's twin of sqlite/migrations.ts: the same tables with the same meaning, under
 * the same version numbers (a migration added there gets its twin here, same number).
 * Applied in order, each in its own transaction, once. Never edit one that has shipped.
 *
 * Text columns are `ctext` (text in the "C" collation): comparisons and ORDER BY go by
 * bytes, as in SQLite, whatever the database's locale — ISO times compare as strings.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'forum, accounts, invitations, audit log',
    sql: `
      CREATE DOMAIN ctext AS text COLLATE "C";
      CREATE TABLE forum (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        name_ko ctext NOT NULL,
        name_en ctext NOT NULL,
        starts_on ctext NOT NULL,
        project_days INTEGER NOT NULL,
        strategy_due_on ctext NOT NULL
      );
      CREATE TABLE subcommittees (
        id ctext PRIMARY KEY,
        position INTEGER NOT NULL,
        name_ko ctext NOT NULL,
        name_en ctext NOT NULL
      );
      CREATE TABLE users (
        id ctext PRIMARY KEY,
        email ctext NOT NULL UNIQUE,
        name ctext NOT NULL,
        role ctext NOT NULL CHECK (role IN ('ministry', 'chair', 'staff', 'observer')),
        subcommittee ctext REFERENCES subcommittees(id),
        password_hash ctext,
        created_at ctext NOT NULL,
        CHECK ((role = 'chair') = (subcommittee IS NOT NULL))
      );
      CREATE TABLE invitations (
        id ctext PRIMARY KEY,
        token_hash ctext NOT NULL UNIQUE,
        email ctext NOT NULL,
        name ctext,
        role ctext NOT NULL,
        subcommittee ctext REFERENCES subcommittees(id),
        expires_at ctext NOT NULL,
        accepted_at ctext,
        created_by ctext REFERENCES users(id),
        created_at ctext NOT NULL
      );
      CREATE TABLE audit_log (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at ctext NOT NULL,
        actor_id ctext,
        action ctext NOT NULL,
        target ctext,
        details ctext NOT NULL DEFAULT '{}'
      );
      CREATE INDEX audit_log_action ON audit_log(action, id);
      CREATE INDEX audit_log_actor ON audit_log(actor_id, id);
      CREATE INDEX audit_log_target ON audit_log(target, id);
      -- Append-only, enforced by the database itself: no UPDATE, no DELETE, no TRUNCATE.
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'the audit log is append-only'; END;
      $$;
      CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
    `,
  },
  {
    version: 2,
    name: 'document update log and versions',
    sql: `
      -- Yjs updates, appended before they are applied or forwarded; compaction folds a
      -- prefix of a document's log into one state update. Appends and compactions of one
      -- document hold its advisory lock (documents.ts), so sequence order is commit order.
      CREATE TABLE doc_updates (
        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        doc_name ctext NOT NULL,
        "update" BYTEA NOT NULL,
        created_at ctext NOT NULL
      );
      CREATE INDEX doc_updates_doc ON doc_updates(doc_name, seq);
      -- Named snapshots: a full state update each. seq: the order they were taken in.
      CREATE TABLE doc_versions (
        id ctext PRIMARY KEY,
        seq BIGINT GENERATED ALWAYS AS IDENTITY,
        doc_name ctext NOT NULL,
        label ctext NOT NULL,
        state BYTEA NOT NULL,
        created_by ctext,
        created_at ctext NOT NULL
      );
      CREATE INDEX doc_versions_doc ON doc_versions(doc_name, created_at);
    `,
  },
  {
    version: 3,
    name: 'proposals and their status history',
    sql: `
      CREATE TABLE proposals (
        id ctext PRIMARY KEY,
        title ctext NOT NULL,
        subcommittee ctext NOT NULL REFERENCES subcommittees(id),
        status ctext NOT NULL CHECK (status IN
          ('draft', 'submitted', 'under_discussion', 'adopted', 'rejected', 'withdrawn', 'incorporated')),
        summary ctext,
        created_by ctext NOT NULL REFERENCES users(id),
        created_at ctext NOT NULL,
        updated_at ctext NOT NULL
      );
      CREATE INDEX proposals_subcommittee ON proposals(subcommittee, status);
      CREATE INDEX proposals_status ON proposals(status);
      CREATE TABLE proposal_status_history (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        proposal_id ctext NOT NULL REFERENCES proposals(id),
        from_status ctext,
        to_status ctext NOT NULL,
        note ctext,
        actor_id ctext REFERENCES users(id),
        at ctext NOT NULL
      );
      CREATE INDEX proposal_status_history_proposal ON proposal_status_history(proposal_id, id);
    `,
  },
  {
    version: 4,
    name: 'meetings, agenda, attendance, decisions',
    sql: `
      CREATE TABLE meetings (
        id ctext PRIMARY KEY,
        title ctext NOT NULL,
        starts_at ctext NOT NULL,
        place ctext,
        online_link ctext,
        chair_id ctext REFERENCES users(id),
        status ctext NOT NULL CHECK (status IN ('scheduled', 'live', 'ended')),
        started_at ctext,
        ended_at ctext,
        -- Not a foreign key: removing the current item clears it in the same transaction.
        current_item_id ctext,
        current_item_started_at ctext,
        minutes_status ctext NOT NULL DEFAULT 'draft' CHECK (minutes_status IN ('draft', 'circulated', 'approved')),
        minutes_approved_by ctext REFERENCES users(id),
        minutes_approved_at ctext,
        minutes_hash ctext,
        minutes_seed_hash ctext,
        created_by ctext REFERENCES users(id),
        created_at ctext NOT NULL,
        updated_at ctext NOT NULL
      );
      CREATE INDEX meetings_starts_at ON meetings(starts_at);
      CREATE TABLE agenda_items (
        id ctext PRIMARY KEY,
        meeting_id ctext NOT NULL REFERENCES meetings(id),
        position INTEGER NOT NULL,
        title ctext NOT NULL,
        planned_minutes INTEGER NOT NULL,
        presenter_user_id ctext REFERENCES users(id),
        presenter_text ctext,
        -- The proposals domain's id, stored as given.
        proposal_id ctext
      );
      CREATE INDEX agenda_items_meeting ON agenda_items(meeting_id, position);
      CREATE TABLE meeting_attendance (
        meeting_id ctext NOT NULL REFERENCES meetings(id),
        user_id ctext NOT NULL REFERENCES users(id),
        first_seen_at ctext NOT NULL,
        last_seen_at ctext NOT NULL,
        checked_in_at ctext,
        PRIMARY KEY (meeting_id, user_id)
      );
      -- Decisions and action items as the minutes held them when the meeting ended or the minutes were approved.
      CREATE TABLE meeting_decisions (
        meeting_id ctext NOT NULL REFERENCES meetings(id),
        position INTEGER NOT NULL,
        kind ctext NOT NULL CHECK (kind IN ('decision', 'actionItem')),
        text ctext NOT NULL,
        owner ctext,
        due ctext,
        section ctext,
        recorded_at ctext NOT NULL,
        PRIMARY KEY (meeting_id, position)
      );
    `,
  },
  {
    version: 5,
    name: 'polls, voters, secret counters, delegations',
    sql: `
      -- No foreign keys to meetings or proposals: those belong to other domains.
      CREATE TABLE polls (
        id ctext PRIMARY KEY,
        meeting_id ctext NOT NULL,
        agenda_item_id ctext,
        proposal_id ctext,
        title ctext NOT NULL,
        kind ctext NOT NULL CHECK (kind IN ('yes_no_abstain', 'single', 'multiple')),
        options ctext NOT NULL,
        max_choices INTEGER NOT NULL,
        ballot ctext NOT NULL CHECK (ballot IN ('named', 'secret')),
        eligibility ctext NOT NULL,
        quorum INTEGER NOT NULL,
        rule ctext NOT NULL CHECK (rule IN ('simple_majority', 'two_thirds', 'unanimity')),
        abstentions_count BOOLEAN NOT NULL,
        results_visibility ctext NOT NULL CHECK (results_visibility IN ('live', 'after_vote', 'after_close')),
        allow_change BOOLEAN NOT NULL,
        require_presence BOOLEAN NOT NULL,
        countdown_seconds INTEGER,
        status ctext NOT NULL CHECK (status IN ('draft', 'open', 'closed', 'cancelled')),
        created_by ctext NOT NULL REFERENCES users(id),
        created_at ctext NOT NULL,
        opened_at ctext,
        closes_at ctext,
        closed_at ctext,
        closed_by ctext,
        result ctext,
        effects_done BOOLEAN NOT NULL DEFAULT false,
        -- A secret ballot keeps no per-voter choice, so it cannot be changed.
        CHECK (ballot = 'named' OR NOT allow_change),
        CHECK ((status = 'closed') = (result IS NOT NULL))
      );
      CREATE INDEX polls_meeting ON polls(meeting_id, created_at);
      CREATE INDEX polls_proposal ON polls(proposal_id, created_at);
      CREATE INDEX polls_status ON polls(status);
      -- Fixed when the poll opens.
      CREATE TABLE poll_eligible (
        poll_id ctext NOT NULL REFERENCES polls(id),
        user_id ctext NOT NULL,
        PRIMARY KEY (poll_id, user_id)
      );
      -- Who has voted: one row per voter and poll (the unique constraint behind "one ballot").
      -- No serial id. For a secret poll, choices and cast_at stay NULL: nothing here says what
      -- a voter chose, or when; what the heap itself keeps of the arrival order (row positions,
      -- the inserting transaction) is rewritten when the poll closes (polls.ts).
      CREATE TABLE poll_voters (
        poll_id ctext NOT NULL REFERENCES polls(id),
        voter_id ctext NOT NULL,
        cast_by ctext NOT NULL,
        choices ctext,
        cast_at ctext,
        PRIMARY KEY (poll_id, voter_id)
      );
      -- What was chosen: counters per option, no row per ballot.
      CREATE TABLE poll_counts (
        poll_id ctext NOT NULL REFERENCES polls(id),
        option_id ctext NOT NULL,
        count INTEGER NOT NULL DEFAULT 0 CHECK (count >= 0),
        PRIMARY KEY (poll_id, option_id)
      );
      -- Proxies: one per delegator and meeting.
      CREATE TABLE poll_delegations (
        meeting_id ctext NOT NULL,
        from_user_id ctext NOT NULL REFERENCES users(id),
        to_user_id ctext NOT NULL REFERENCES users(id),
        granted_by ctext NOT NULL REFERENCES users(id),
        granted_at ctext NOT NULL,
        PRIMARY KEY (meeting_id, from_user_id),
        CHECK (from_user_id <> to_user_id)
      );
      CREATE INDEX poll_delegations_to ON poll_delegations(meeting_id, to_user_id);
    `,
  },
  {
    version: 131,
    name: 'quarantined document updates',
    sql: `
      -- Rows of doc_updates that would not apply when their document was loaded: moved here whole, with the error.
      CREATE TABLE doc_quarantine (
        seq BIGINT PRIMARY KEY,
        doc_name ctext NOT NULL,
        "update" BYTEA NOT NULL,
        created_at ctext NOT NULL,
        error ctext NOT NULL,
        quarantined_at ctext NOT NULL
      );
      CREATE INDEX doc_quarantine_at ON doc_quarantine(quarantined_at);
    `,
  },
  {
    version: 133,
    name: 'sessions in the store',
    sql: `
      -- Only the token's hash is kept. Times are epoch milliseconds.
      CREATE TABLE sessions (
        id ctext PRIMARY KEY,
        user_id ctext NOT NULL REFERENCES users(id),
        created_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL
      );
      CREATE INDEX sessions_user ON sessions(user_id);
      CREATE INDEX sessions_expiry ON sessions(expires_at);
    `,
  },
  {
    version: 180,
    name: 'calendar: a sequence per meeting, subscription tokens',
    sql: `
      -- iCalendar SEQUENCE: grows when the meeting moves (time, place, link, title), in the same transaction.
      ALTER TABLE meetings ADD COLUMN ics_sequence INTEGER NOT NULL DEFAULT 0;
      -- One private subscription link per person; only its hash is kept.
      CREATE TABLE calendar_tokens (
        user_id ctext PRIMARY KEY REFERENCES users(id),
        token_hash ctext NOT NULL UNIQUE,
        created_at ctext NOT NULL
      );
    `,
  },
  {
    version: 181,
    name: 'notifications and their settings',
    sql: `
      -- seq breaks ties between notifications made in the same millisecond.
      CREATE TABLE notifications (
        id ctext PRIMARY KEY,
        seq BIGINT GENERATED ALWAYS AS IDENTITY,
        user_id ctext NOT NULL REFERENCES users(id),
        kind ctext NOT NULL,
        title_ko ctext NOT NULL,
        title_en ctext NOT NULL,
        link ctext NOT NULL,
        created_at ctext NOT NULL,
        read_at ctext
      );
      CREATE INDEX notifications_user ON notifications(user_id, created_at);
      CREATE INDEX notifications_unread ON notifications(user_id) WHERE read_at IS NULL;
      -- Per kind: in_app | in_app_and_email | off (JSON); kinds not set take the defaults.
      CREATE TABLE notification_settings (
        user_id ctext PRIMARY KEY REFERENCES users(id),
        choices ctext NOT NULL DEFAULT '{}',
        locale ctext NOT NULL DEFAULT 'ko' CHECK (locale IN ('ko', 'en'))
      );
    `,
  },
  {
    version: 182,
    name: 'mail outbox',
    sql: `
      -- Written with the notification or invitation that causes it; sent by the background sender.
      CREATE TABLE mail_outbox (
        id ctext PRIMARY KEY,
        to_address ctext NOT NULL,
        to_name ctext,
        subject ctext NOT NULL,
        text ctext NOT NULL,
        html ctext NOT NULL,
        meeting_id ctext,
        created_at ctext NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at ctext NOT NULL,
        claimed_until ctext,
        sent_at ctext,
        failed_at ctext,
        last_error ctext
      );
      CREATE INDEX mail_outbox_due ON mail_outbox(next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL;
    `,
  },
  {
    version: 160,
    name: 'cancelled meetings',
    sql: `
      -- As in SQLite: a meeting is cancelled when this is set (the store reports its status as 'cancelled').
      ALTER TABLE meetings ADD COLUMN cancelled_at ctext;
    `,
  },
  {
    // Twin of SQLite's 170 (issue 17).
    version: 170,
    name: 'action items: owner accounts, done state, reminders',
    sql: `
      ALTER TABLE meeting_decisions ADD COLUMN item_id ctext;
      ALTER TABLE meeting_decisions ADD COLUMN owner_id ctext;
      -- Done is kept beside the minutes: approved minutes are sealed, yet their items still get done.
      CREATE TABLE action_item_done (
        meeting_id ctext NOT NULL REFERENCES meetings(id),
        item_id ctext NOT NULL,
        done_at ctext NOT NULL,
        done_by ctext NOT NULL REFERENCES users(id),
        PRIMARY KEY (meeting_id, item_id)
      );
      -- Reminders sent (an overdue item, once per owner and due date), so no instance sends one twice.
      CREATE TABLE action_item_notices (
        meeting_id ctext NOT NULL REFERENCES meetings(id),
        item_id ctext NOT NULL,
        kind ctext NOT NULL CHECK (kind IN ('overdue')),
        owner_id ctext NOT NULL,
        due ctext NOT NULL,
        sent_at ctext NOT NULL,
        PRIMARY KEY (meeting_id, item_id, kind, owner_id, due)
      );
    `,
  },
  {
    version: 161,
    name: 'notification claims',
    sql: `
      -- A reminder or a digest once sent (e.g. meeting-soon:<meeting>:<start>, digest:<user>:<day>):
      -- claimed in the transaction that writes it, so no restart or second instance sends it again.
      CREATE TABLE notification_claims (
        key ctext PRIMARY KEY,
        claimed_at ctext NOT NULL
      );
    `,
  },
  {
    // Twin of SQLite's 171 (issue 17).
    version: 171,
    name: 'amendment decisions',
    sql: `
      CREATE TABLE amendment_decisions (
        proposal_id ctext NOT NULL REFERENCES proposals(id),
        thread_id ctext NOT NULL,
        decision ctext NOT NULL CHECK (decision IN ('accepted', 'declined')),
        text ctext NOT NULL,
        decided_by ctext NOT NULL REFERENCES users(id),
        decided_at ctext NOT NULL,
        version_id ctext,
        PRIMARY KEY (proposal_id, thread_id)
      );
    `,
  },
  {
    // Numbered by the room helper's range (230–239).
    version: 230,
    name: 'action items by owner',
    sql: `
      -- "내 후속 조치": the meetings whose approved minutes hold an item of this owner, found by index.
      CREATE INDEX meeting_decisions_owner ON meeting_decisions(owner_id, meeting_id) WHERE kind = 'actionItem' AND owner_id IS NOT NULL;
    `,
  },
  {
    version: 231,
    name: 'search: the plain text of proposals and minutes',
    sql: `
      -- Each searchable document's plain text, written from the live document a moment after it changes.
      CREATE TABLE search_texts (
        doc_name ctext PRIMARY KEY,
        text ctext NOT NULL,
        updated_at ctext NOT NULL
      );
      -- pg_trgm (Debian's postgresql contrib) lets lower(text) LIKE '%…%' use an index; where the
      -- extension cannot be created, searches scan the texts and find the same.
      DO $$
      BEGIN
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
        CREATE INDEX search_texts_trgm ON search_texts USING gin (lower(text) gin_trgm_ops);
      EXCEPTION WHEN OTHERS THEN
        RAISE NOTICE 'pg_trgm unavailable (%): search scans the texts', SQLERRM;
      END $$;
    `,
  },
];
