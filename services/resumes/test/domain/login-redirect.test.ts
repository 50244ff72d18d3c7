import t from 'tap'
import { loginRedirectPath } from '../../src/domain/login-redirect.js'

t.test('paths on this site are kept, resolved as a browser would', async (t) => {
  t.equal(loginRedirectPath(undefined), '/', 'no redirect: the home page')
  t.equal(loginRedirectPath(''), '/')
  t.equal(loginRedirectPath('/wx/html/resume.html'), '/wx/html/resume.html')
  t.equal(loginRedirectPath('/wx/html/resume.html?tab=work&x=1#top'), '/wx/html/resume.html?tab=work&x=1#top')
  t.equal(loginRedirectPath('/a/../b'), '/b')
  t.equal(loginRedirectPath('/%2F%2Fevil.example'), '/%2F%2Fevil.example', 'an encoded slash stays inside the path')
  t.equal(loginRedirectPath('/搜索'), '/%E6%90%9C%E7%B4%A2')
})

t.test('anything that could leave the site is refused', async (t) => {
  const refused = [
    'https://evil.example/', 'http:/evil.example', 'javascript:alert(1)', 'evil.example', 'wx/html/a.html',
    '//evil.example', '///evil.example', '/\\evil.example', '\\\\evil.example', '/\\/evil.example',
    '/\t/evil.example', '/\n/evil.example', ' /evil', '/ok path', '/..//evil.example', '/./..//evil.example',
    '/' + 'a'.repeat(2048)
  ]
  for (const redirect of refused) t.equal(loginRedirectPath(redirect), null, JSON.stringify(redirect))
})
