import assert from 'node:assert/strict';
import { it } from 'node:test';
import { ownContainerId } from '../../src/docker/own-container.js';

const ID = 'f'.repeat(8) + '0123456789abcdef'.repeat(3) + 'a'.repeat(8);
const mount = (root: string, at: string): string => `812 790 8:1 ${root} ${at} rw,relatime - ext4 /dev/sda1 rw\n`;

it('own container: found from the bind mounts docker gives it, else from /.dockerenv and the hostname, else none', () => {
  const inside =
    mount('/', '/') +
    mount(`/var/lib/docker/containers/${ID}/resolv.conf`, '/etc/resolv.conf') +
    mount(`/var/lib/docker/containers/${ID}/hostname`, '/etc/hostname');
  assert.equal(ownContainerId(inside, true, 'whatever'), ID);
  assert.equal(ownContainerId(mount(`/docker/containers/${ID}/hosts`, '/etc/hosts'), false, 'runner'), ID);
  assert.equal(ownContainerId(mount('/', '/'), true, ID.slice(0, 12)), ID.slice(0, 12));
  assert.equal(ownContainerId(mount('/', '/'), true, 'my-laptop'), null);
  assert.equal(ownContainerId(mount('/', '/') + mount('/home/me/containers/notes', '/notes'), false, ID.slice(0, 12)), null);
});
