/**
 * Host-specific knowledge for identifier normalisation: which large e-mail providers ignore dots
 * or "+tags" in a mailbox name, and where the profile lives in the URLs of well-known social
 * sites (so a link to a post or to a tab of the profile still names the profile's owner).
 * Kept as data so that adding a site is one entry.
 */

export type EmailProviderRules = { canonicalDomain: string; ignoresDots: boolean; ignoresPlusTag: boolean };

const gmail = { canonicalDomain: 'gmail.com', ignoresDots: true, ignoresPlusTag: true };
const plusTagDomains = new Set([
  'outlook.com',
  'hotmail.com',
  'live.com',
  'icloud.com',
  'me.com',
  'proton.me',
  'protonmail.com',
  'fastmail.com',
]);

export function emailProviderRules(domain: string): EmailProviderRules {
  if (domain === 'gmail.com' || domain === 'googlemail.com') return gmail;
  return { canonicalDomain: domain, ignoresDots: false, ignoresPlusTag: plusTagDomains.has(domain) };
}

type SocialSite = {
  host: string;
  /** Path segments that are site pages, not profiles ("x.com/home"). */
  reserved: ReadonlySet<string>;
  /** From the lower-cased-where-safe path segments, the canonical profile path, or undefined. */
  profile(segments: string[], url: URL): string | undefined;
};

const handleAt = (position: number, prefix = '') => (segments: string[]) => {
  const handle = segments[position];
  return handle && (prefix === '' || handle.startsWith(prefix)) ? `/${lower(handle)}` : undefined;
};

const sites: Record<string, SocialSite> = {
  'x.com': {
    host: 'x.com',
    reserved: new Set(['home', 'i', 'search', 'explore', 'settings', 'intent', 'share', 'hashtag', 'messages', 'notifications']),
    profile: handleAt(0),
  },
  'instagram.com': {
    host: 'instagram.com',
    reserved: new Set(['p', 'reel', 'reels', 'explore', 'stories', 'accounts', 'direct']),
    profile: handleAt(0),
  },
  'facebook.com': {
    host: 'facebook.com',
    reserved: new Set(['groups', 'events', 'watch', 'share', 'sharer', 'login', 'marketplace', 'gaming', 'hashtag']),
    profile: (segments, url) => {
      if (segments[0] === 'profile.php') {
        const id = url.searchParams.get('id');
        return id && /^\d+$/.test(id) ? `/profile.php?id=${id}` : undefined;
      }
      return handleAt(0)(segments);
    },
  },
  'linkedin.com': {
    host: 'linkedin.com',
    reserved: new Set(),
    profile: (segments) => {
      const [section, slug] = segments;
      return slug && (section === 'in' || section === 'company' || section === 'school') ? `/${section}/${lower(slug)}` : undefined;
    },
  },
  'tiktok.com': { host: 'tiktok.com', reserved: new Set(), profile: handleAt(0, '@') },
  'threads.net': { host: 'threads.net', reserved: new Set(), profile: handleAt(0, '@') },
  'github.com': {
    host: 'github.com',
    reserved: new Set(['orgs', 'settings', 'login', 'explore', 'topics', 'search', 'marketplace', 'sponsors']),
    profile: handleAt(0),
  },
  'youtube.com': {
    host: 'youtube.com',
    reserved: new Set(['watch', 'results', 'feed', 'shorts', 'playlist']),
    profile: (segments) => {
      const [first, second] = segments;
      if (first?.startsWith('@')) return `/${lower(first)}`;
      // Channel ids are case-sensitive; legacy /c/ and /user/ names are not.
      if (first === 'channel' && second) return `/channel/${second}`;
      if ((first === 'c' || first === 'user') && second) return `/${first}/${lower(second)}`;
      return undefined;
    },
  },
  'bsky.app': {
    host: 'bsky.app',
    reserved: new Set(),
    profile: (segments) => (segments[0] === 'profile' && segments[1] ? `/profile/${lower(segments[1])}` : undefined),
  },
};

const aliases: Record<string, string> = {
  'twitter.com': 'x.com',
  'fb.com': 'facebook.com',
  'youtu.be': 'youtube.com',
  'threads.com': 'threads.net',
};

/** Removes "www." everywhere, and the mobile prefixes ("m.", "mobile.") on known social sites. */
export function stripHostPrefix(host: string, includingMobile: boolean): string {
  const withoutWww = host.replace(/^www\./, '');
  if (!includingMobile) return withoutWww;
  const withoutMobile = withoutWww.replace(/^(m|mobile)\./, '');
  return knownSite(withoutMobile) ? withoutMobile : withoutWww;
}

function knownSite(host: string): SocialSite | undefined {
  return sites[aliases[host] ?? host];
}

/**
 * The canonical { host, path } of a profile on a known social site; 'not_profile' when the URL
 * is on such a site but points at no profile; undefined for any other host.
 */
export function socialProfilePath(host: string, url: URL): { host: string; path: string } | 'not_profile' | undefined {
  const site = knownSite(host);
  if (!site) return undefined;
  const segments = url.pathname.split('/').filter((segment) => segment !== '');
  const first = segments[0];
  if (first === undefined || site.reserved.has(lower(first))) return 'not_profile';
  const path = site.profile(segments, url);
  return path ? { host: site.host, path } : 'not_profile';
}

/** Lower-cases a path segment through its decoded form, so "%C3%A9", "%c3%a9" and "É" agree. */
function lower(segment: string): string {
  return canonicalSegment(segment, true);
}

const keptDelimiters: Record<string, string> = { '%40': '@', '%3A': ':', '%2B': '+', '%2C': ',', '%3B': ';', '%3D': '=', '%24': '$', '%26': '&' };

/**
 * One path segment in a single spelling: decoded, NFC, optionally lower-cased, re-encoded with
 * the delimiters a path may carry literally left as they are.
 */
export function canonicalSegment(segment: string, lowerCase: boolean): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    decoded = segment;
  }
  const text = decoded.normalize('NFC');
  return encodeURIComponent(lowerCase ? text.toLowerCase() : text).replace(/%(40|3A|2B|2C|3B|3D|24|26)/g, (code) => keptDelimiters[code] ?? code);
}
