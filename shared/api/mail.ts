import { endpoint } from './endpoint';
import { MailStatusResponse } from '../schemas/mail';

export const mailEndpoints = {
  mailStatus: endpoint({
    method: 'get', path: '/api/mail/status', tag: 'mail', access: 'ministry',
    summary: 'Whether e-mail is on, how many messages wait, were sent or failed, and the failures',
    response: MailStatusResponse,
  }),
} as const;
