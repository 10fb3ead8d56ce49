import type { Locale } from '../../shared/domain';

/** A rendered e-mail: subject, plain text and HTML. */
export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const footer: Record<Locale, string> = {
  ko: '산업대전환 포럼 작업공간에서 보낸 알림입니다. 알림 설정에서 받는 방법을 바꿀 수 있습니다.',
  en: 'A notification from the Industrial Transformation Forum workspace. Change how you hear of it in the notification settings.',
};

const open: Record<Locale, string> = { ko: '페이지 열기', en: 'Open the page' };

function page(title: string, body: string[], link: { url: string; label: string }, note: string): MailContent & { subject: string } {
  const text = [title, '', ...body, '', `${link.label}: ${link.url}`, '', '—', note].join('\n');
  const html = `<!doctype html><html><body style="font-family: 'Pretendard GOV', 'Noto Sans KR', sans-serif; line-height: 1.6">
<h1 style="font-size: 18px">${escape(title)}</h1>
${body.map((line) => `<p>${escape(line)}</p>`).join('\n')}
<p><a href="${escape(link.url)}">${escape(link.label)}</a></p>
<hr><p style="color: #555; font-size: 13px">${escape(note)}</p>
</body></html>`;
  return { subject: title, text, html };
}

/** A notification as an e-mail in the recipient's language, with a link to its page. */
export function notificationMail(title: { ko: string; en: string }, url: string, locale: Locale, withCalendar: boolean): MailContent {
  const calendar = { ko: '첨부한 캘린더 파일(.ics)로 일정을 추가할 수 있습니다.', en: 'The attached calendar file (.ics) adds it to your calendar.' };
  return page(title[locale], withCalendar ? [calendar[locale]] : [], { url, label: open[locale] }, footer[locale]);
}

/** One e-mail collecting a day's notifications of a kind (the comment digest), each line with its page. */
export function digestMail(day: string, items: { title: { ko: string; en: string }; url: string }[], locale: Locale, home: string): MailContent {
  const subject = locale === 'ko' ? `오늘의 의견 알림 ${items.length}건 (${day})` : `Today's comments: ${items.length} (${day})`;
  const text = [subject, '', ...items.flatMap((i) => [`• ${i.title[locale]}`, `  ${i.url}`]), '', '—', footer[locale]].join('\n');
  const html = `<!doctype html><html><body style="font-family: 'Pretendard GOV', 'Noto Sans KR', sans-serif; line-height: 1.6">
<h1 style="font-size: 18px">${escape(subject)}</h1>
<ul>
${items.map((i) => `<li><a href="${escape(i.url)}">${escape(i.title[locale])}</a></li>`).join('\n')}
</ul>
<p><a href="${escape(home)}">${escape(open[locale])}</a></p>
<hr><p style="color: #555; font-size: 13px">${escape(footer[locale])}</p>
</body></html>`;
  return { subject, text, html };
}

/** An invitation with its one-time link; Korean first, English below (the invitee has no settings yet). */
export function invitationMail(link: string, role: string, expiresAt: string): MailContent {
  const until = new Intl.DateTimeFormat('ko-KR', { timeZone: 'Asia/Seoul', dateStyle: 'long', timeStyle: 'short' }).format(new Date(expiresAt));
  return page(
    '산업대전환 포럼 작업공간 초대 (Invitation to the Industrial Transformation Forum workspace)',
    [
      `${role} 역할로 초대되었습니다. 아래 링크에서 계정을 만드세요. 링크는 한 번만 쓸 수 있으며 ${until}까지 유효합니다.`,
      `You are invited as ${role}. Create your account through the link below; it works once, until ${new Date(expiresAt).toISOString()}.`,
    ],
    { url: link, label: '초대 수락 (Accept the invitation)' },
    '이 초대를 요청하지 않았다면 무시하세요. (If you did not expect this, ignore it.)',
  );
}
