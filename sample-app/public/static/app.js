// Front end of the notes page: talks to /api/notes. No framework, no inline script (CSP: script-src 'self').
'use strict';

(function () {
  const form = document.getElementById('note-form');
  const input = document.getElementById('note-text');
  const list = document.getElementById('notes');
  const status = document.getElementById('status');

  function say(message, isError) {
    status.textContent = message;
    status.className = isError ? 'error' : '';
  }

  async function api(method, path, body) {
    const init = { method, headers: { Accept: 'application/json' } };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const res = await fetch(path, init);
    if (res.status === 204) return null;
    const data = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(data.error || `HTTP ${res.status}`);
    return data;
  }

  function render(notes) {
    list.replaceChildren(
      ...notes.map((note) => {
        const li = document.createElement('li');
        const text = document.createElement('div');
        text.textContent = note.text;
        const time = document.createElement('time');
        time.dateTime = note.created_at;
        time.textContent = new Date(note.created_at).toLocaleString();
        text.append(time);
        const del = document.createElement('button');
        del.type = 'button';
        del.className = 'delete';
        del.textContent = 'Delete';
        del.addEventListener('click', () => remove(note.id));
        li.append(text, del);
        return li;
      }),
    );
    if (notes.length === 0) say('No notes yet.');
  }

  async function refresh() {
    try {
      const data = await api('GET', '/api/notes');
      render(data.notes);
    } catch (err) {
      say(`Could not load notes: ${err.message}`, true);
    }
  }

  async function remove(id) {
    try {
      await api('DELETE', `/api/notes/${id}`);
      say('Note deleted.');
      await refresh();
    } catch (err) {
      say(`Could not delete: ${err.message}`, true);
    }
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    try {
      await api('POST', '/api/notes', { text });
      input.value = '';
      say('Note added.');
      await refresh();
    } catch (err) {
      say(`Could not add: ${err.message}`, true);
    }
  });

  refresh();
})();
