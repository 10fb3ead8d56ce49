/**
 * Versioned schema changes, applied in order, each in its own transaction, once.
 * Never edit a migration that has shipped; add the next one.
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
      CREATE TABLE forum (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        name_ko TEXT NOT NULL,
        name_en TEXT NOT NULL,
        starts_on TEXT NOT NULL,
        project_days INTEGER NOT NULL,
        strategy_due_on TEXT NOT NULL
      );
      CREATE TABLE subcommittees (
        id TEXT PRIMARY KEY,
        position INTEGER NOT NULL,
        name_ko TEXT NOT NULL,
        name_en TEXT NOT NULL
      );
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        email TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('ministry', 'chair', 'staff', 'observer')),
        subcommittee TEXT REFERENCES subcommittees(id),
        password_hash TEXT,
        created_at TEXT NOT NULL,
        CHECK ((role = 'chair') = (subcommittee IS NOT NULL))
      );
      CREATE TABLE invitations (
        id TEXT PRIMARY KEY,
        token_hash TEXT NOT NULL UNIQUE,
        email TEXT NOT NULL,
        name TEXT,
        role TEXT NOT NULL,
        subcommittee TEXT REFERENCES subcommittees(id),
        expires_at TEXT NOT NULL,
        accepted_at TEXT,
        created_by TEXT REFERENCES users(id),
        created_at TEXT NOT NULL
      );
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        actor_id TEXT,
        action TEXT NOT NULL,
        target TEXT,
        details TEXT NOT NULL DEFAULT '{}'
      );
      CREATE INDEX audit_log_action ON audit_log(action, id);
      CREATE INDEX audit_log_actor ON audit_log(actor_id, id);
      CREATE INDEX audit_log_target ON audit_log(target, id);
      -- Append-only, enforced by the database itself.
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    `,
  },
  {
    version: 2,
    name: 'document update log and versions',
    sql: `
      -- Yjs updates, appended before they are applied or forwarded; compaction folds
      -- a prefix of a document's log into one state update.
      CREATE TABLE doc_updates (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        doc_name TEXT NOT NULL,
        "update" BLOB NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX doc_updates_doc ON doc_updates(doc_name, seq);
      -- Named snapshots: a full state update each.
      CREATE TABLE doc_versions (
        id TEXT PRIMARY KEY,
        doc_name TEXT NOT NULL,
        label TEXT NOT NULL,
        state BLOB NOT NULL,
        created_by TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX doc_versions_doc ON doc_versions(doc_name, created_at);
    `,
  },
  {
    version: 3,
    name: 'proposals and their status history',
    sql: `
      CREATE TABLE proposals (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        subcommittee TEXT NOT NULL REFERENCES subcommittees(id),
        status TEXT NOT NULL CHECK (status IN
          ('draft', 'submitted', 'under_discussion', 'adopted', 'rejected', 'withdrawn', 'incorporated')),
        summary TEXT,
        created_by TEXT NOT NULL REFERENCES users(id),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX proposals_subcommittee ON proposals(subcommittee, status);
      CREATE INDEX proposals_status ON proposals(status);
      CREATE TABLE proposal_status_history (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        proposal_id TEXT NOT NULL REFERENCES proposals(id),
        from_status TEXT,
        to_status TEXT NOT NULL,
        note TEXT,
        actor_id TEXT REFERENCES users(id),
        at TEXT NOT NULL
      );
      CREATE INDEX proposal_status_history_proposal ON proposal_status_history(proposal_id, id);
    `,
  },
  {
    version: 5,
    name: 'polls, voters, secret counters, delegations',
    sql: `
      -- No foreign keys to meetings or proposals: those belong to other domains.
      CREATE TABLE polls (
        id TEXT PRIMARY KEY,
        meeting_id TEXT NOT NULL,
        agenda_item_id TEXT,
        proposal_id TEXT,
        title TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('yes_no_abstain', 'single', 'multiple')),
        options TEXT NOT NULL,
        max_choices INTEGER NOT NULL,
        ballot TEXT NOT NULL CHECK (ballot IN ('named', 'secret')),
        eligibility TEXT NOT NULL,
        quorum INTEGER NOT NULL,
        rule TEXT NOT NULL CHECK (rule IN ('simple_majority', 'two_thirds', 'unanimity')),
        abstentions_count INTEGER NOT NULL,
        results_visibility TEXT NOT NULL CHECK (results_visibility IN ('live', 'after_vote', 'after_close')),
        allow_change INTEGER NOT NULL,
        require_presence INTEGER NOT NULL,
        countdown_seconds INTEGER,
        status TEXT NOT NULL CHECK (status IN ('draft', 'open', 'closed', 'cancelled')),
        created_by TEXT NOT NULL REFERENCES users(id),
        created_at TEXT NOT NULL,
        opened_at TEXT,
        closes_at TEXT,
        closed_at TEXT,
        closed_by TEXT,
        result TEXT,
        effects_done INTEGER NOT NULL DEFAULT 0,
        -- A secret ballot keeps no per-voter choice, so it cannot be changed.
        CHECK (ballot = 'named' OR allow_change = 0),
        CHECK ((status = 'closed') = (result IS NOT NULL))
      );
      CREATE INDEX polls_meeting ON polls(meeting_id, created_at);
      CREATE INDEX polls_proposal ON polls(proposal_id, created_at);
      CREATE INDEX polls_status ON polls(status);
      -- Fixed when the poll opens.
      CREATE TABLE poll_eligible (
        poll_id TEXT NOT NULL REFERENCES polls(id),
        user_id TEXT NOT NULL,
        PRIMARY KEY (poll_id, user_id)
      ) WITHOUT ROWID;
      -- Who has voted: one row per voter and poll (the unique constraint behind "one ballot").
      -- WITHOUT ROWID: rows are ordered by voter id, not by arrival. For a secret poll,
      -- choices and cast_at stay NULL: nothing here says what a voter chose, or when.
      CREATE TABLE poll_voters (
        poll_id TEXT NOT NULL REFERENCES polls(id),
        voter_id TEXT NOT NULL,
        cast_by TEXT NOT NULL,
        choices TEXT,
        cast_at TEXT,
        PRIMARY KEY (poll_id, voter_id)
      ) WITHOUT ROWID;
      -- What was chosen: counters per option, no row per ballot.
      CREATE TABLE poll_counts (
        poll_id TEXT NOT NULL REFERENCES polls(id),
        option_id TEXT NOT NULL,
        count INTEGER NOT NULL DEFAULT 0 CHECK (count >= 0),
        PRIMARY KEY (poll_id, option_id)
      ) WITHOUT ROWID;
      -- Proxies: one per delegator and meeting.
      CREATE TABLE poll_delegations (
        meeting_id TEXT NOT NULL,
        from_user_id TEXT NOT NULL REFERENCES users(id),
        to_user_id TEXT NOT NULL REFERENCES users(id),
        granted_by TEXT NOT NULL REFERENCES users(id),
        granted_at TEXT NOT NULL,
        PRIMARY KEY (meeting_id, from_user_id),
        CHECK (from_user_id <> to_user_id)
      ) WITHOUT ROWID;
      CREATE INDEX poll_delegations_to ON poll_delegations(meeting_id, to_user_id);
    `,
  },
  {
    version: 4,
    name: 'meetings, agenda, attendance, decisions',
    sql: `
      CREATE TABLE meetings (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        starts_at TEXT NOT NULL,
        place TEXT,
        online_link TEXT,
        chair_id TEXT REFERENCES users(id),
        status TEXT NOT NULL CHECK (status IN ('scheduled', 'live', 'ended')),
        started_at TEXT,
        ended_at TEXT,
        -- Not a foreign key: removing the current item clears it in the same transaction.
        current_item_id TEXT,
        current_item_started_at TEXT,
        minutes_status TEXT NOT NULL DEFAULT 'draft' CHECK (minutes_status IN ('draft', 'circulated', 'approved')),
        minutes_approved_by TEXT REFERENCES users(id),
        minutes_approved_at TEXT,
        minutes_hash TEXT,
        minutes_seed_hash TEXT,
        created_by TEXT REFERENCES users(id),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX meetings_starts_at ON meetings(starts_at);
      CREATE TABLE agenda_items (
        id TEXT PRIMARY KEY,
        meeting_id TEXT NOT NULL REFERENCES meetings(id),
        position INTEGER NOT NULL,
        title TEXT NOT NULL,
        planned_minutes INTEGER NOT NULL,
        presenter_user_id TEXT REFERENCES users(id),
        presenter_text TEXT,
        -- The proposals domain's id, stored as given.
        proposal_id TEXT
      );
      CREATE INDEX agenda_items_meeting ON agenda_items(meeting_id, position);
      CREATE TABLE meeting_attendance (
        meeting_id TEXT NOT NULL REFERENCES meetings(id),
        user_id TEXT NOT NULL REFERENCES users(id),
        first_seen_at TEXT NOT NULL,
        last_seen_at TEXT NOT NULL,
        checked_in_at TEXT,
        PRIMARY KEY (meeting_id, user_id)
      ) WITHOUT ROWID;
      -- Decisions and action items as the minutes held them when the meeting ended or the minutes were approved.
      CREATE TABLE meeting_decisions (
        meeting_id TEXT NOT NULL REFERENCES meetings(id),
        position INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('decision', 'actionItem')),
        text TEXT NOT NULL,
        owner TEXT,
        due TEXT,
        section TEXT,
        recorded_at TEXT NOT NULL,
        PRIMARY KEY (meeting_id, position)
      ) WITHOUT ROWID;
    `,
  },
  {
    // Numbered by issue (18x) so that migrations written on other branches meanwhile cannot collide.
    version: 180,
    name: 'calendar: a sequence per meeting, subscription tokens',
    sql: `
      -- iCalendar SEQUENCE: grows when the meeting moves (time, place, link, title), in the same transaction.
      ALTER TABLE meetings ADD COLUMN ics_sequence INTEGER NOT NULL DEFAULT 0;
      -- One private subscription link per person; only its hash is kept.
      CREATE TABLE calendar_tokens (
        user_id TEXT PRIMARY KEY REFERENCES users(id),
        token_hash TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 181,
    name: 'notifications and their settings',
    sql: `
      CREATE TABLE notifications (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id),
        kind TEXT NOT NULL,
        title_ko TEXT NOT NULL,
        title_en TEXT NOT NULL,
        link TEXT NOT NULL,
        created_at TEXT NOT NULL,
        read_at TEXT
      );
      CREATE INDEX notifications_user ON notifications(user_id, created_at);
      CREATE INDEX notifications_unread ON notifications(user_id) WHERE read_at IS NULL;
      -- Per kind: in_app | in_app_and_email | off (JSON); kinds not set take the defaults.
      CREATE TABLE notification_settings (
        user_id TEXT PRIMARY KEY REFERENCES users(id),
        choices TEXT NOT NULL DEFAULT '{}',
        locale TEXT NOT NULL DEFAULT 'ko' CHECK (locale IN ('ko', 'en'))
      );
    `,
  },
  {
    // Numbered by issue (13.1), like the others written on branches.
    version: 131,
    name: 'quarantined document updates',
    sql: `
      -- Rows of doc_updates that would not apply when their document was loaded (written by an
      -- older version, or corrupted): moved here whole, with the error, for staff to see.
      CREATE TABLE doc_quarantine (
        seq INTEGER PRIMARY KEY,
        doc_name TEXT NOT NULL,
        "update" BLOB NOT NULL,
        created_at TEXT NOT NULL,
        error TEXT NOT NULL,
        quarantined_at TEXT NOT NULL
      );
      CREATE INDEX doc_quarantine_at ON doc_quarantine(quarantined_at);
    `,
  },
  {
    // Numbered by issue (13.3).
    version: 133,
    name: 'sessions in the store',
    sql: `
      -- Sign-ins outlive a Redis restart (issue 13.3): the session's home is the store. Only
      -- the token's hash is kept, as before in Redis. Times are epoch milliseconds.
      CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id),
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      );
      CREATE INDEX sessions_user ON sessions(user_id);
      CREATE INDEX sessions_expiry ON sessions(expires_at);
    `,
  },
  {
    version: 182,
    name: 'mail outbox',
    sql: `
      -- Written with the notification or invitation that causes it; sent by the background sender.
      CREATE TABLE mail_outbox (
        id TEXT PRIMARY KEY,
        to_address TEXT NOT NULL,
        to_name TEXT,
        subject TEXT NOT NULL,
        text TEXT NOT NULL,
        html TEXT NOT NULL,
        meeting_id TEXT,
        created_at TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT NOT NULL,
        claimed_until TEXT,
        sent_at TEXT,
        failed_at TEXT,
        last_error TEXT
      );
      CREATE INDEX mail_outbox_due ON mail_outbox(next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL;
    `,
  },
  {
    version: 160,
    name: 'cancelled meetings',
    sql: `
      -- The status CHECK cannot take 'cancelled' without rebuilding a table five others reference:
      -- a meeting is cancelled when this is set (the store reports its status as 'cancelled').
      ALTER TABLE meetings ADD COLUMN cancelled_at TEXT;
    `,
  },
  {
    // Numbered by issue (17, 170–179).
    version: 170,
    name: 'action items: owner accounts, done state, reminders',
    sql: `
      -- The action item's stable id and its owner's account, as the minutes held them when recorded.
      ALTER TABLE meeting_decisions ADD COLUMN item_id TEXT;
      ALTER TABLE meeting_decisions ADD COLUMN owner_id TEXT;
      -- Done is kept beside the minutes: approved minutes are sealed, yet their items still get done.
      CREATE TABLE action_item_done (
        meeting_id TEXT NOT NULL REFERENCES meetings(id),
        item_id TEXT NOT NULL,
        done_at TEXT NOT NULL,
        done_by TEXT NOT NULL REFERENCES users(id),
        PRIMARY KEY (meeting_id, item_id)
      ) WITHOUT ROWID;
      -- Reminders sent (an overdue item, once per owner and due date), so no instance sends one twice.
      CREATE TABLE action_item_notices (
        meeting_id TEXT NOT NULL REFERENCES meetings(id),
        item_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('overdue')),
        owner_id TEXT NOT NULL,
        due TEXT NOT NULL,
        sent_at TEXT NOT NULL,
        PRIMARY KEY (meeting_id, item_id, kind, owner_id, due)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 161,
    name: 'notification claims',
    sql: `
      -- A reminder or a digest once sent (e.g. meeting-soon:<meeting>:<start>, digest:<user>:<day>):
      -- claimed in the transaction that writes it, so no restart or second instance sends it again.
      CREATE TABLE notification_claims (
        key TEXT PRIMARY KEY,
        claimed_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 171,
    name: 'amendment decisions',
    sql: `
      -- A suggested replacement text on a comment, accepted (applied as a new edit, a version saved
      -- before) or declined by the proposal's author or ministry staff: decided once.
      CREATE TABLE amendment_decisions (
        proposal_id TEXT NOT NULL REFERENCES proposals(id),
        thread_id TEXT NOT NULL,
        decision TEXT NOT NULL CHECK (decision IN ('accepted', 'declined')),
        text TEXT NOT NULL,
        decided_by TEXT NOT NULL REFERENCES users(id),
        decided_at TEXT NOT NULL,
        version_id TEXT,
        PRIMARY KEY (proposal_id, thread_id)
      ) WITHOUT ROWID;
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
        id INTEGER PRIMARY KEY,
        doc_name TEXT NOT NULL UNIQUE,
        text TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      -- Trigrams find any substring of three characters or more, Korean included; shorter ones are scanned.
      CREATE VIRTUAL TABLE search_fts USING fts5(text, content = 'search_texts', content_rowid = 'id', tokenize = 'trigram');
      CREATE TRIGGER search_texts_insert AFTER INSERT ON search_texts BEGIN
        INSERT INTO search_fts (rowid, text) VALUES (new.id, new.text);
      END;
      CREATE TRIGGER search_texts_delete AFTER DELETE ON search_texts BEGIN
        INSERT INTO search_fts (search_fts, rowid, text) VALUES ('delete', old.id, old.text);
      END;
      CREATE TRIGGER search_texts_update AFTER UPDATE ON search_texts BEGIN
        INSERT INTO search_fts (search_fts, rowid, text) VALUES ('delete', old.id, old.text);
        INSERT INTO search_fts (rowid, text) VALUES (new.id, new.text);
      END;
    `,
  },
];
