export { MailOutbox } from './outbox';
export { MailSender, smtpTransport, type Transport } from './sender';
export { mailRoutes } from './routes';
