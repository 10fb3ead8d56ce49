/** Entry point: global styles, the language of the page, then the app. */
import './styles/global.css';
import './i18n/i18n';
import './app/forum-app';
