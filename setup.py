"Package metadata comes from settings.ini (as in nbdev 2); the version from fastlesson/__init__.py."
import re
from configparser import ConfigParser
from pathlib import Path
import setuptools

here = Path(__file__).parent
config = ConfigParser(delimiters=['='])
config.read(here/'settings.ini', encoding='utf-8')
cfg = config['DEFAULT']
version = re.search(r'^__version__\s*=\s*["\']([^"\']+)["\']', (here/cfg['lib_path']/'__init__.py').read_text(), re.M).group(1)

licenses = {'apache2': 'Apache-2.0', 'mit': 'MIT'}  # settings.ini name -> SPDX expression
statuses = ['1 - Planning', '2 - Pre-Alpha', '3 - Alpha', '4 - Beta', '5 - Production/Stable', '6 - Mature', '7 - Inactive']
py_versions = '3.10 3.11 3.12 3.13'.split()
lic = licenses[cfg['license']]
min_python = cfg['min_python']

def _reqs(key): return cfg.get(key, '').split()
requirements, all_reqs, dev_reqs = _reqs('requirements'), _reqs('all_requirements'), _reqs('dev_requirements')

setuptools.setup(
    name=cfg['lib_name'], version=version, license=lic,
    classifiers=['Development Status :: ' + statuses[int(cfg['status'])],
                 'Intended Audience :: ' + cfg['audience'].title(),
                 'Natural Language :: ' + cfg['language'].title()]
                + ['Programming Language :: Python :: ' + o for o in py_versions[py_versions.index(min_python):]],
    url=cfg['git_url'], packages=setuptools.find_packages(include=[cfg['lib_path'], cfg['lib_path'] + '.*']),
    include_package_data=True, package_data={cfg['lib_path']: ['*.tsv']}, install_requires=requirements,
    extras_require={'all': all_reqs, 'dev': all_reqs + dev_reqs},
    python_requires='>=' + min_python,
    long_description=(here/'README.md').read_text(encoding='utf-8'), long_description_content_type='text/markdown',
    author=cfg['author'], author_email=cfg['author_email'], description=cfg['description'],
    keywords=cfg['keywords'], zip_safe=False,
    entry_points={'console_scripts': [o for o in cfg.get('console_scripts', '').split() if o],
                  'nbdev': [f"{cfg['lib_path']}={cfg['lib_path']}._modidx:d"]})
