from lib import util
