import * as Y from 'yjs';
import type { SubcommitteeId } from '../../shared/domain';
import type { ProposalStatus } from '../../shared/proposals/workflow';
import { TEXT_FIELD } from '../../shared/text-field';
import { callApi, type TestServer } from './server';

/** A proposal's text of one paragraph, as a Yjs update. */
export function oneParagraph(content: string): Uint8Array {
  const doc = new Y.Doc();
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(content)]);
  doc.getXmlFragment(TEXT_FIELD).push([paragraph]);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

/**
 * A new draft proposal holding `text`, created over the API by the account of `token` (a chair
 * in their own subcommittee, or ministry staff in `subcommittee`). Answers its id.
 */
export async function draftProposal(server: TestServer, token: string, title: string, text: Uint8Array, subcommittee?: SubcommitteeId): Promise<string> {
  const { proposal } = await callApi<{ proposal: { id: string } }>(server, token, 'POST', '/api/proposals', { title, subcommittee });
  await server.documents.change(`proposal:${proposal.id}`, (doc) => Y.applyUpdate(doc, text));
  return proposal.id;
}

/** Moves a proposal along its workflow, one status after the other, as the account of `token`. */
export async function moveProposal(server: TestServer, token: string, id: string, ...steps: ProposalStatus[]): Promise<void> {
  for (const to of steps) await callApi(server, token, 'POST', `/api/proposals/${id}/status`, { to });
}
