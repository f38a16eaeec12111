// placeholder until the dashboard lands
import { tr } from '../i18n.js';
import { pageHeading } from '../nav.js';
export async function render(main) { pageHeading(main, tr('ダッシュボード', 'Dashboard')); }
