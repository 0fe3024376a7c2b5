// The admin token, pasted by the user and kept for this tab only (sessionStorage).
import { token } from './api';
import { h } from './dom';

/** Asks for the token in a small dialog; resolves true when one was given. */
export function askToken(): Promise<boolean> {
  return new Promise((resolve) => {
    const input = h('input', { type: 'password', name: 'token', placeholder: 'token from the api token_file', autocomplete: 'off', spellcheck: false });
    const dialog = h('dialog.token-dialog', null,
      h('form', { method: 'dialog' },
        h('h3', null, 'Admin token'),
        h('p.muted', null, 'Run-now needs the daemon\'s API token. It is kept in this tab only.'),
        input,
        h('div.row', null,
          h('button', { type: 'button', value: 'clear', onclick: () => { token.set(null); dialog.close('clear'); } }, 'Forget'),
          h('button.primary', { type: 'submit', value: 'ok' }, 'Save'))));
    input.value = token.get() ?? '';
    dialog.addEventListener('close', () => {
      if (dialog.returnValue === 'ok' && input.value.trim()) token.set(input.value.trim());
      dialog.remove();
      resolve(!!token.get());
    });
    document.body.appendChild(dialog);
    dialog.showModal();
    input.focus();
  });
}
